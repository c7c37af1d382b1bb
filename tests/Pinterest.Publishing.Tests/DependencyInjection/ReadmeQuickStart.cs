using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing.AspNetCore;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.Events;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary>
/// The README's quick start, compiled: <see cref="ReadmeCodeBlockTests"/> checks that the README's code blocks are the
/// text between the "README" markers below, so a renamed or removed API breaks the build instead of the README.
/// Never run (it would start a web server on the machine's ports); the DI graph it builds is tested elsewhere.
/// </summary>
internal static class ReadmeQuickStart
{
    public static void Host(string[] args)
    {
        // README quick start: part
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDbContextFactory<AppDbContext>(o => o.UseNpgsql(builder.Configuration.GetConnectionString("App")));
        builder.Services.AddDataProtection();                                 // the store encrypts tokens at rest with it
        builder.Services.AddPinterestPublishing(builder.Configuration)        // binds the "Pinterest" section
            .AddEntityFrameworkCoreStores<AppDbContext>()                     // tokens, schedule, ledger, cross-instance locks
            .AddPinScheduling()                                               // the hosted dispatcher of scheduled Pins
            .AddPinterestConnect()                                            // OAuth connect / callback / disconnect
            .AddObserver<TellTheUser>();                                      // outcome events
        var app = builder.Build();
        app.MapPinterestConnect("/pinterest").RequireAuthorization();         // 1. connect: a link to /pinterest/connect

        app.MapPost("/pins", async (IPinScheduler scheduler, ClaimsPrincipal user, string boardId, Uri image) =>
            (await scheduler.ScheduleAsync(new PublishPinRequest              // 2. schedule
            {
                AccountId = user.FindFirstValue(ClaimTypes.NameIdentifier)!, BoardId = boardId, Title = "Autumn soup",
                AltText = "A bowl of pumpkin soup", Media = PinMedia.Image(image),
            }, DateTimeOffset.UtcNow.AddHours(1))).Id).RequireAuthorization();
        app.Run();
        // README quick start: end part
    }

    public static async Task PublishDirectlyAsync(WebApplication app, CancellationToken cancellationToken)
    {
        // README publish directly: part
        var publisher = app.Services.GetRequiredService<IPinPublisher>();
        var result = await publisher.PublishAsync(new PublishPinRequest
        {
            AccountId = "customer-42", BoardId = "1234567890", Title = "Autumn soup",
            Link = new Uri("https://example.com/soup"), AltText = "A bowl of pumpkin soup",
            Media = PinMedia.Image(new Uri("https://cdn.example.com/soup.jpg")),
        }, cancellationToken);
        Console.WriteLine($"Pin {result.PinId}");
        // README publish directly: end part
    }
}

// README quick start: part
sealed class TellTheUser(ILogger<TellTheUser> log) : IPinterestPublishingObserver   // 3. the outcome
{
    public Task OnPinPublishedAsync(PinPublishedEvent e, CancellationToken ct)
    { log.LogInformation("Pin {PinId} of {Account} is live", e.PinId, e.AccountId); return Task.CompletedTask; }
}
// README quick start: end part

/// <summary>The host's own context, as the README describes it below the quick start.</summary>
internal sealed class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options), IPinterestPublishingDbContext
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyPinterestPublishing();
}
