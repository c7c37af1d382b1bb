using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>Marks a test class whose tests need PostgreSQL, for <see cref="StoreFactAttribute"/>.</summary>
internal interface INeedsPostgres
{
}

/// <summary>
/// A fact of a store contract base class, run once per engine by its derived classes: in a class that implements
/// <see cref="INeedsPostgres"/> it skips (or fails under CI) like <see cref="PostgresFactAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Pinterest.Publishing.Tests.TestSupport.StoreFactDiscoverer", "Pinterest.Publishing.Tests")]
internal sealed class StoreFactAttribute : FactAttribute
{
}

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests, skipping those of PostgreSQL classes when PostgreSQL is absent.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (typeof(INeedsPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) && ExternalServices.PostgresSkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
