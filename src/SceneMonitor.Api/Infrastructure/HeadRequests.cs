namespace SceneMonitor.Api.Infrastructure;

/// <summary>HEAD on every GET route, in one place (RFC 9110 §9.3.2: HEAD is GET without the body).
/// Clients ask HEAD before reading: GDAL's /vsicurl/ learns a file's size from it (CSV exports), link
/// checkers and caches test URLs with it. Minimal API routes answer only the methods they map, so a HEAD
/// got 405. The request runs as a GET before routing; its body is counted and dropped, and the count
/// becomes Content-Length when the GET would not have said it otherwise.</summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        context.Request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        var counter = new CountingStream();
        context.Response.Body = counter;
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.ContentLength is null) context.Response.ContentLength = counter.Length;
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });

    /// <summary>Drops what is written and counts it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) { _length += count; return Task.CompletedTask; }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) { _length += buffer.Length; return ValueTask.CompletedTask; }
    }
}
