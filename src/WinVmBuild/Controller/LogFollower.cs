using System.Text;

namespace WinVmBuild.Controller;

/// <summary>Follows a file that another machine appends to, line by line, until told that the writer has stopped.</summary>
public static class LogFollower
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Calls <paramref name="onLine"/> for each complete line of <paramref name="path"/> as it is written
    /// (the file may not exist yet), until <paramref name="writerStopped"/> completes; then reads what is
    /// left, including a last line without a newline.
    /// </summary>
    public static async Task FollowAsync(string path, Task writerStopped, Action<string> onLine, CancellationToken cancellationToken)
    {
        var decoder = Encoding.UTF8.GetDecoder();
        var pending = new StringBuilder();
        var buffer = new byte[64 * 1024];
        var characters = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        long offset = 0;
        while (true)
        {
            // Checked before reading, so that the read after the writer stopped sees everything it wrote.
            var stopped = writerStopped.IsCompleted;
            if (File.Exists(path))
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(offset, SeekOrigin.Begin);
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    offset += read;
                    var count = decoder.GetChars(buffer, 0, read, characters, 0);
                    pending.Append(characters, 0, count);
                    EmitCompleteLines(pending, onLine);
                }
            }

            if (stopped)
            {
                if (pending.Length > 0)
                {
                    onLine(pending.ToString().TrimEnd('\r'));
                }

                return;
            }

            await Task.WhenAny(writerStopped, Task.Delay(PollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static void EmitCompleteLines(StringBuilder pending, Action<string> onLine)
    {
        var text = pending.ToString();
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            return;
        }

        foreach (var line in text[..end].Split('\n'))
        {
            onLine(line.TrimEnd('\r'));
        }

        pending.Remove(0, end + 1);
    }
}
