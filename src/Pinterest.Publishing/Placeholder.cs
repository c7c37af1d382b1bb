namespace Pinterest.Publishing; internal static class Placeholder { }
