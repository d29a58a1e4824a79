using System.Collections;
using Microsoft.Build.Framework;

namespace WinVmBuild.Tests.Sdk;

/// <summary>
/// The least MSBuild a task needs to run in a unit test: it records what the task logs and, in order, which of its
/// methods the task called, and keeps the objects tasks share through it (<see cref="IBuildEngine4.RegisterTaskObject"/>),
/// as one build does.
/// </summary>
internal sealed class RecordingBuildEngine : IBuildEngine4
{
    private readonly Dictionary<object, object> _taskObjects = [];
    private int? _yieldedOnThread;

    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    /// <summary>The names of the methods called, in order (the properties are not recorded).</summary>
    public List<string> Calls { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.proj";

    public bool IsRunningMultipleNodes => false;

    public void LogErrorEvent(BuildErrorEventArgs e) => Record(nameof(LogErrorEvent), () => Errors.Add(e));

    public void LogWarningEvent(BuildWarningEventArgs e) => Record(nameof(LogWarningEvent), () => Warnings.Add(e));

    public void LogMessageEvent(BuildMessageEventArgs e) => Record(nameof(LogMessageEvent), () => Messages.Add(e));

    public void LogCustomEvent(CustomBuildEventArgs e) => Record(nameof(LogCustomEvent), () => { });

    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) =>
        Record(nameof(RegisterTaskObject), () => _taskObjects[key] = obj);

    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime)
    {
        Record(nameof(GetRegisteredTaskObject), () => { });
        return _taskObjects.GetValueOrDefault(key);
    }

    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime)
    {
        Record(nameof(UnregisterTaskObject), () => { });
        return _taskObjects.Remove(key, out var removed) ? removed : null;
    }

    public void Yield() => Record(nameof(Yield), () => _yieldedOnThread = Environment.CurrentManagedThreadId);

    /// <summary>As MSBuild, refuses to give the node back on another thread than the one that yielded it.</summary>
    public void Reacquire() => Record(nameof(Reacquire), () =>
    {
        if (_yieldedOnThread != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException($"Reacquire() on thread {Environment.CurrentManagedThreadId}, Yield() on thread {_yieldedOnThread}.");
        }

        _yieldedOnThread = null;
    });

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("Tasks under test do not build other projects.");

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) =>
        throw new NotSupportedException("Tasks under test do not build other projects.");

    public bool BuildProjectFilesInParallel(
        string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion,
        bool useResultsCache, bool unloadProjectsOnCompletion) =>
        throw new NotSupportedException("Tasks under test do not build other projects.");

    public BuildEngineResult BuildProjectFilesInParallel(
        string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion,
        bool returnTargetOutputs) =>
        throw new NotSupportedException("Tasks under test do not build other projects.");

    /// <summary>Tasks log from several threads (a command's output and error streams): the lists are kept whole.</summary>
    private void Record(string call, Action action)
    {
        lock (Calls)
        {
            Calls.Add(call);
            action();
        }
    }
}
