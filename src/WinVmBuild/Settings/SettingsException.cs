using WinVmBuild.Diagnostics;

namespace WinVmBuild.Settings;

/// <summary>Every problem <see cref="SettingsReader"/> found in a project's settings, reported together: one build shows them all.</summary>
public sealed class SettingsException(IReadOnlyList<WinVmException> problems)
    : Exception($"{problems.Count} setting(s) cannot be used: {string.Join(" ", problems.Select(problem => $"{problem.Code}: {problem.Message}"))}")
{
    public IReadOnlyList<WinVmException> Problems { get; } = problems;
}
