
namespace Pinterest.Publishing.Testing;

/// <summary>What an <see cref="EmulatorFault"/> does to a matching request.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Answer with a given status and error body.</summary>
    Status,

    /// <summary>Wait (on the emulator's <see cref="TimeProvider"/>) and then process the request normally.</summary>
    Delay,

    /// <summary>Drop the connection: the in-memory handler throws <see cref="HttpRequestException"/> with an inner
    /// <see cref="IOException"/>, the loopback server aborts the connection.</summary>
    ConnectionReset,

    /// <summary>Answer 429 code 8 with spam wording in <c>message_detail</c> or <c>message</c> (see <see cref="EmulatorFault.SpamBlock"/>).</summary>
    SpamBlock,

    /// <summary>Fail as if the connection could not be opened, so the request surely was not processed: the in-memory
    /// handler throws <see cref="HttpRequestException"/> with <see cref="HttpRequestError.ConnectionError"/> and an inner
    /// <see cref="System.Net.Sockets.SocketException"/> and the request is not recorded; the loopback server can only drop the
    /// connection after the request arrived.</summary>
    ConnectionRefused,

    /// <summary>The request times out: in memory, a <see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/>, as <see cref="HttpClient"/> throws; on the loopback server, the connection is dropped.</summary>
    Timeout,

    /// <summary>Answer with an error whose text and <c>x-pinterest-rid</c> repeat the request's credentials, query and body
    /// (see <see cref="EmulatorFault.EchoRequest"/>).</summary>
    EchoRequest,
}
