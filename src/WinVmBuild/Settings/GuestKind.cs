namespace WinVmBuild.Settings;

/// <summary>The guest a project builds in (<c>WinVmGuest</c>).</summary>
public enum GuestKind
{
    /// <summary>Windows with Cygwin, installed from the project's ISO.</summary>
    Windows,

    /// <summary>The small Linux guest that stands in for Windows where no Windows ISO exists (CI, the sample).</summary>
    Test,
}
