using WinVmBuild.Diagnostics;

namespace WinVmBuild.Controller;

/// <summary>How a controller run ended: the command's exit code, or the controller's reason why it could not run it.</summary>
public sealed record ControllerResult(int? ExitCode, string? Status)
{
    /// <summary>The reason the controller writes when the guest's sshd never answered.</summary>
    public const string NoPort22Prefix = "no port 22";

    /// <summary>The reason the host gives when the guest VM stopped while the controller still waited or ran.</summary>
    public const string GuestStoppedStatus = "the guest VM stopped before the command finished";

    /// <summary>The command's exit code; a coded error when the command never ran.</summary>
    public int EnsureExitCode()
    {
        if (ExitCode is { } code)
        {
            return code;
        }

        if (Status is null)
        {
            throw new WinVmException(
                ErrorCodes.ControllerNoResult,
                "The controller VM stopped without an exit code or a reason: it crashed or was killed. Its console output is in the detailed log.");
        }

        if (Status == GuestStoppedStatus)
        {
            throw new WinVmException(ErrorCodes.GuestStopped, $"The {Status}: it powered off or crashed. Its console output is in the detailed log.");
        }

        throw Status.StartsWith(NoPort22Prefix, StringComparison.Ordinal)
            ? new WinVmException(ErrorCodes.GuestUnreachable, $"The guest never answered on SSH: {Status}.")
            : new WinVmException(ErrorCodes.ControllerFailed, $"The controller could not run the command: {Status}.");
    }
}
