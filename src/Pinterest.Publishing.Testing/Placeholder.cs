namespace Pinterest.Publishing.Testing; internal static class Placeholder { }
