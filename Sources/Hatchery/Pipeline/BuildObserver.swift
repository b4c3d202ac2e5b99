/// Watches a build as it runs. The library calls it and never prints; whoever starts the build
/// decides what to show (`hatchery build` installs one that writes progress to stderr).
///
/// Calls come from the build's tasks, several at once while tasks run: an observer must be safe
/// to call from any thread, and quick (a slow one holds up the task that called it). Every method
/// does nothing unless an observer implements it.
public protocol BuildObserver: Sendable {
    /// Step `index` of `count` (both from 1) begins, e.g. 5 of 7, `Generate 24 of 24 prompts`.
    func stepStarted(index: Int, count: Int, name: String)
    /// Step `index` of `count` ended without an error.
    func stepFinished(index: Int, count: Int, name: String)
    /// A batch of `total` tasks begins (`title`: `Generating`, `Resuming`, `Following adopted`).
    func tasksStarted(_ title: String, total: Int)
    /// One task of the batch ended; `failed` when it ended as a failure.
    func taskFinished(failed: Bool)
    /// Every task of the batch ended.
    func tasksFinished()
    /// A sentence for the person waiting on the build: why it waits, or what it will not do.
    func note(_ text: String)
}

extension BuildObserver {
    public func stepStarted(index: Int, count: Int, name: String) {}
    public func stepFinished(index: Int, count: Int, name: String) {}
    public func tasksStarted(_ title: String, total: Int) {}
    public func taskFinished(failed: Bool) {}
    public func tasksFinished() {}
    public func note(_ text: String) {}
}

/// An observer that shows nothing: the default, and what `--quiet` installs.
public struct SilentBuildObserver: BuildObserver {
    public init() {}
}
