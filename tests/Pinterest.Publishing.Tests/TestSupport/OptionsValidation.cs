using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// Runs the start-up validation a host gets: every <see cref="IValidateOptions{TOptions}"/> that
/// <c>AddPinterestPublishing</c> (and <c>AddPinScheduling</c>) register, whatever their number and style, so a test
/// asserts what the host would be told rather than what one validator class says.
/// </summary>
internal static class OptionsValidation
{
    public static ValidateOptionsResult Validate(PinterestPublishingOptions options)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling();
        return Run(services, options);
    }

    public static ValidateOptionsResult Validate(PinSchedulingOptions options)
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { }).AddPinScheduling();
        return Run(services, options);
    }

    private static ValidateOptionsResult Run<TOptions>(ServiceCollection services, TOptions options)
        where TOptions : class
    {
        using var provider = services.BuildServiceProvider();
        var builder = new ValidateOptionsResultBuilder();
        foreach (var validator in provider.GetServices<IValidateOptions<TOptions>>())
        {
            builder.AddResult(validator.Validate(Microsoft.Extensions.Options.Options.DefaultName, options));
        }

        return builder.Build();
    }
}
