using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.VideoUpload;

namespace Pinterest.Publishing.Benchmarks;

/// <summary>
/// Uploads a 256 MiB and a 1 GiB file to a loopback sink through the video pipeline (register with a stub, multipart
/// body of known length, pooled 1 MiB copy buffer) and, as the baseline, through a bare <see cref="HttpClient"/> +
/// <see cref="StreamContent"/> POST of the same file. Allocated bytes per upload must stay flat (under 32 MiB,
/// independent of size) and throughput within 0.8× of the baseline.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class VideoUploadBenchmarks
{
    private const long MiB = 1024 * 1024;

    private string _path = string.Empty;
    private LoopbackSinkServer _sink = null!;
    private HttpClient _httpClient = null!;
    private PinterestVideoUploader _uploader = null!;

    /// <summary>The file size in MiB (256 only in a quick run).</summary>
    [ParamsSource(nameof(Sizes))]
    public int SizeMiB { get; set; }

    /// <summary>The sizes to run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkJobs.Quick ? [256] : [256, 1024];

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"pp-bench-{SizeMiB}MiB-{Guid.NewGuid():N}.mp4");
        using (var file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write))
        {
            // Sparse: reads return zeros without touching the disk, which keeps the comparison about the client.
            file.SetLength(SizeMiB * MiB);
        }

        _sink = new LoopbackSinkServer();
        _httpClient = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        _uploader = new PinterestVideoUploader(new StubMediaApi(_sink.Uri), _httpClient);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _httpClient.Dispose();
        _sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "HttpClient + StreamContent")]
    public async Task BareStreamContent()
    {
        var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file)
        {
            using var content = new StreamContent(file);
            using var response = await _httpClient.PostAsync(_sink.Uri, content);
            response.EnsureSuccessStatusCode();
        }

        Check(SizeMiB * MiB);
    }

    [Benchmark(Description = "Video pipeline (multipart)")]
    public async Task Pipeline()
    {
        var operation = await _uploader.StartUploadAsync(VideoSource.FromFile(_path));
        GC.KeepAlive(operation);
        Check(SizeMiB * MiB);
    }

    private void Check(long fileLength)
    {
        if (_sink.LastBodyLength < fileLength)
        {
            throw new InvalidOperationException($"The sink received {_sink.LastBodyLength} bytes, fewer than the file's {fileLength}.");
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // In process (see BenchmarkJobs): the sink runs in this process, and it allocates almost nothing.
            Add(BenchmarkJobs.Config(BenchmarkJobs.Macro(warmupCount: 2, iterationCount: 10)));
            AddColumn(new ThroughputColumn());
        }
    }

    /// <summary>MiB per second, from the file size and the mean time.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MiB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "File MiB uploaded per second (mean)";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var size = (int)benchmarkCase.Parameters["SizeMiB"];
            if (report?.ResultStatistics is not { } stats)
            {
                return "-";
            }

            var seconds = stats.Mean / 1e9;
            return (size / seconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private sealed class StubMediaApi(Uri uploadUrl) : MediaClient
    {
        public override Task<MediaUploadRegistration> RegisterVideoUploadAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new MediaUploadRegistration
            {
                MediaId = "1",
                MediaType = "video",
                UploadUrl = uploadUrl,
                UploadParameters = new Dictionary<string, string>
                {
                    ["x-amz-date"] = "20260101T000000Z",
                    ["x-amz-signature"] = new string('a', 64),
                    ["x-amz-security-token"] = new string('b', 800),
                    ["key"] = "uploads/1/video",
                    ["policy"] = new string('c', 1200),
                    ["x-amz-credential"] = "AKIAEXAMPLE/20260101/us-east-1/s3/aws4_request",
                    ["x-amz-algorithm"] = "AWS4-HMAC-SHA256",
                    ["Content-Type"] = "multipart/form-data",
                },
            });

        public override Task<MediaUploadDetails> GetAsync(string mediaId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new MediaUploadDetails { MediaId = mediaId, Status = MediaUploadStatus.Succeeded });
    }
}
