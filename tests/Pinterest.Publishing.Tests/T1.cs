namespace Pinterest.Publishing.Tests; public class T1 { [Fact] public void A() => Assert.True(true); }
