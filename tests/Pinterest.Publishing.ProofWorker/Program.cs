using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Publishing;
using Pinterest.Publishing.EntityFrameworkCore;
using Pinterest.Publishing.ProofWorker;

// One app instance of the multi-instance proof: publishes the Pins scheduled in PostgreSQL to the emulator at
// --emulator until its standard input closes or it gets SIGTERM. Writes "<worker> ready" once started, then one line
// per claim and per recorded outcome (OutcomeReportingStore), and the library's warnings.
var settings = ProofWorkerSettings.Read(args);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

// The publish path's decisions (reconciled, an earlier attempt searched), so a failed proof can show what each worker did.
builder.Logging.AddFilter("Pinterest.Publishing.PublishPath", LogLevel.Information);

// Token refreshes started and finished: a worker killed between the two may have had Pinterest spend the old refresh
// token without storing the new one, and the proof must tell that account's loss from a false Reauthorize.
builder.Logging.AddFilter("Pinterest.Publishing.Authentication", LogLevel.Information);

builder.Services.AddDbContextFactory<ProofDbContext>(o => o.UseNpgsql(settings.Postgres));
builder.Services
    .AddPinterestPublishing(options =>
    {
        options.ApiBaseAddress = settings.Emulator;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.MaxConcurrentPublishesPerAccount = settings.MaxConcurrentPublishesPerAccount;
        options.RequestTimeout = TimeSpan.FromSeconds(5);

        // The emulator's media host is on loopback at a random port: let preflight probes and downloads reach it.
        options.Preflight.AllowPrivateNetworks = true;
        options.Preflight.AllowedPorts.Add(settings.Emulator.Port);
        options.Preflight.CheckDestinationLink = false;

        // Seconds instead of minutes, so that faults are retried within the proof's time.
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxRetryAfter = TimeSpan.FromSeconds(2);
        options.Retry.RateLimitDelay = TimeSpan.FromSeconds(1);
        options.Retry.MaxRateLimitDelay = TimeSpan.FromSeconds(2);
        options.VideoUpload.InitialPollInterval = TimeSpan.FromMilliseconds(200);
        options.VideoUpload.MaxPollInterval = TimeSpan.FromMilliseconds(500);
    })
    .AddEntityFrameworkCoreStores<ProofDbContext>()
    .AddPinScheduling(options =>
    {
        options.Lease = settings.Lease;
        options.PollInterval = settings.PollInterval;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(500);
        options.RetryMaxDelay = TimeSpan.FromSeconds(2);
        options.MaxRetryAfter = TimeSpan.FromSeconds(2);
        options.SpamBlockDelay = TimeSpan.FromSeconds(2);
    });
OutcomeReportingStore.Decorate(builder.Services, settings.WorkerName);
builder.Services.AddHostedService<StandardInputShutdown>();

using var host = builder.Build();
await host.StartAsync();
Console.Out.WriteLine($"{settings.WorkerName} ready");
Console.Out.Flush();
await host.WaitForShutdownAsync();
Console.Out.WriteLine($"{settings.WorkerName} stopped");
