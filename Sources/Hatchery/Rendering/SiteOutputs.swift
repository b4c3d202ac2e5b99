import Foundation

/// One render's files: which are still as the last build made them, which are staged anew,
/// and what each was made from. A page or data file is current when the digest of what it is
/// made from (`OutputDigest`) equals the one recorded when it was written and the file on disk
/// still has the size and modification time it was written with; a file whose name covers its
/// content (an original, a web size) is current when it is there. Only what is not current is
/// made, into the staging folder (`SiteStaging`); files no output owns are listed as stale.
struct SiteOutputs {
    /// What the last build recorded and what is on disk now: read by the concurrent page makers.
    struct Baseline: Sendable {
        /// By path relative to the site root.
        let previous: OutputRecords
        let disk: DiskFiles
        let site: URL
        let staging: URL
        /// `staging.path`, made once: a URL appended per file cost more than the write.
        let stagingPath: String

        func isCurrent(_ path: String, digest: String) -> Bool {
            guard let index = previous.index(of: path), previous.hasDigest(digest, at: index),
                let state = disk.state(recordedAt: index) ?? disk[path]
            else { return false }
            return previous.state(at: index) == state
        }

        /// Writes `data` at `path` in the staging folder and returns the file's state as written.
        func stage(_ data: Data, at path: String) throws(RenderError) -> FileState {
            let file = stagingPath + "/" + path
            do {
                return try UnsyncedFile.write(data, to: file)
            } catch  where error.code == ENOENT {
                // Most files land in a folder already made for an earlier one.
            } catch {
                throw .write(path: file, reason: error.reason)
            }
            do {
                try FileManager.default.createDirectory(
                    atPath: String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]),
                    withIntermediateDirectories: true
                )
                return try UnsyncedFile.write(data, to: file)
            } catch let error as UnsyncedFile.Failure {
                throw .write(path: file, reason: error.reason)
            } catch {
                throw .write(path: file, reason: ErrorReason.of(error))
            }
        }

        /// `output` made into the staging folder unless it is current.
        func make(_ output: SiteOutput, templates: TemplateSet) throws(RenderError) -> Made {
            let path: String
            let digest: String
            let content: @Sendable () -> SiteOutput.Content
            switch output {
            case .page(let page, let template, let model):
                (path, digest) = (page, OutputDigest.page(model, template: templates.digest(of: template)))
                content = { .page(template: template, model: model) }
            case .data(let file, let data):
                (path, digest, content) = (file, SHA256Digest.hex(of: data), { .data(data) })
            case .keyed(let file, let inputs, let make):
                (path, digest, content) = (file, inputs, make)
            }
            if isCurrent(path, digest: digest) {
                return Made(path: path, digest: digest, staged: nil, current: true)
            }
            let data =
                switch content() {
                case .page(let template, let model): Data(try templates.render(model, template: template).utf8)
                case .data(let data): data
                }
            return try stageUnlessSame(data, path, digest)
        }

        /// `SiteOutputs.stream`'s file, made without the outputs: a render writes the files
        /// that list every prompt while the prompt pages are made on the other cores.
        func stream(
            _ path: String,
            _ write: (inout StreamedOutput) async throws(RenderError) -> Void
        ) async throws(RenderError) -> Made {
            let file = stagingPath + "/" + path
            var output = try StreamedOutput(at: URL(fileURLWithPath: file))
            try await write(&output)
            let digest = try output.finish()
            if isCurrent(path, digest: digest) {
                unlink(file)
                return Made(path: path, digest: digest, staged: nil, current: true)
            }
            var info = stat()
            guard stat(file, &info) == 0 else { throw .write(path: file, reason: TreeRemoval.describe(errno)) }
            return Made(path: path, digest: digest, staged: FileState(info))
        }

        /// Stages `data` unless the site's file already holds exactly it (a template edit that
        /// changes no page's bytes, or the first build after an upgrade): then only its digest is new.
        private func stageUnlessSame(_ data: Data, _ path: String, _ digest: String) throws(RenderError) -> Made {
            if disk[path]?.size == Int64(data.count),
                (try? Data(contentsOf: site.appendingPathComponent(path))) == data
            {
                return Made(path: path, digest: digest, staged: nil)
            }
            return Made(path: path, digest: digest, staged: try stage(data, at: path))
        }
    }

    /// What became of one output: staged with its new state, or nil when current.
    struct Made: Sendable {
        var path: String
        var digest: String
        var staged: FileState?
        /// Current as recorded: its record is the last build's, unchanged.
        var current = false
    }

    let baseline: Baseline
    let templates: TemplateSet
    /// What this build's files were made from where it differs from the last build's record:
    /// all the store writes. The other files keep their records, so no table of every file's
    /// record is made again (at 10,000 prompts, 61,000 of them, at the build's peak).
    private(set) var changes: [String: OutputRecord] = [:]
    private(set) var staged: [String] = []
    private(set) var unchanged = 0
    /// By index in the last build's records: whether this build produced the file.
    private var claimed: [Bool]
    /// The files this build produced that the last build did not record.
    private var claimedNew: Set<String> = []
    /// How many of `claimed` are set: all of them when no recorded file is stale.
    private var ownedRecorded = 0

    init(files: SiteFiles, site: URL, staging: URL, templates: TemplateSet) {
        baseline = Baseline(
            previous: files.previous,
            disk: files.disk,
            site: site,
            staging: staging,
            stagingPath: staging.path
        )
        undecodable = files.undecodable
        self.templates = templates
        claimed = Array(repeating: false, count: files.previous.count)
    }

    /// The site's files this build did not produce.
    var stale: [String] {
        // When the records are the disk and this build made every recorded file, none is stale:
        // known without looking each of tens of thousands of paths up.
        if baseline.disk.isRecorded, ownedRecorded == baseline.previous.count { return [] }
        if baseline.disk.isRecorded { return unclaimedRecords.sorted() }
        return baseline.disk.paths { path in
            if let index = baseline.previous.index(of: path) { return !claimed[index] }
            return !claimedNew.contains(path)
        }.sorted()
    }

    /// The last build's records of files this build did not produce: `stale` when the records
    /// stood for the disk.
    func unowned(stale: [String]) -> [String] {
        baseline.disk.isRecorded ? stale : unclaimedRecords
    }

    private var unclaimedRecords: [String] {
        baseline.previous.indices.filter { !claimed[$0] }.map(baseline.previous.path(at:))
    }

    /// The site's entries whose names are not UTF-8, by relative path as bytes: never an
    /// output's, so stale too.
    let undecodable: [[UInt8]]

    /// Makes `outputs` (in any order) unless current, and records them.
    mutating func make(_ outputs: [SiteOutput]) throws(RenderError) {
        for output in outputs { record(try baseline.make(output, templates: templates)) }
    }

    /// Makes the outputs `outputs(i)` for every `i` in `0..<count`, on every core, unless current.
    mutating func make(
        count: Int,
        _ outputs: @escaping @Sendable (Int) -> [SiteOutput]
    ) async throws(RenderError) {
        let baseline = baseline
        let templates = templates
        // Up to 64 outputs a task, but at least eight tasks a core: a few hundred grid pages of
        // 48 cards each in chunks of 64 left one core idle for the whole last chunk.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunk = max(1, min(64, count / (8 * cores)))
        let ranges = stride(from: 0, to: count, by: chunk).map { $0..<min($0 + chunk, count) }
        var results: [[Made]] = []
        do {
            try await ranges.forEachConcurrently(limit: cores) { range in
                var made: [Made] = []
                for index in range {
                    for output in outputs(index) { made.append(try baseline.make(output, templates: templates)) }
                }
                return made
            } collect: {
                results.append($0)
            }
        } catch let error as RenderError {
            throw error
        } catch {
            throw .write(path: baseline.staging.path, reason: ErrorReason.of(error))
        }
        for made in results.joined() { record(made) }
    }

    /// A data file made piece by piece into the staging folder by `write`, never whole in
    /// memory; dropped again when its digest is the one recorded for the file on disk.
    mutating func stream(
        _ path: String,
        _ write: (inout StreamedOutput) async throws(RenderError) -> Void
    ) async throws(RenderError) {
        record(try await baseline.stream(path, write))
    }

    /// Records an output `Baseline.stream` made beside the others.
    mutating func record(streamed made: Made) {
        record(made)
    }

    /// A file whose name covers its content: `make` runs only when it is not there, or when it
    /// is no longer as the last build wrote it (edited or truncated by hand); a file the last
    /// build did not record (one written before files were recorded) is trusted.
    mutating func ensure(_ path: String, make: () throws(RenderError) -> Data) throws(RenderError) {
        guard let previous = own(path) else { return }
        if let state = diskState(path, recordedAt: previous),
            previous.map({ baseline.previous.state(at: $0) == state }) ?? true
        {
            unchanged += 1
            keep(path, OutputRecord(digest: Self.named, state: state), previous: previous)
            return
        }
        keep(path, OutputRecord(digest: Self.named, state: try baseline.stage(try make(), at: path)), previous: nil)
        staged.append(path)
    }

    /// Copies the file `name` of `folder` (`bytes` long) to `path` unless a file of that size is
    /// there as the last build wrote it: names of web sizes cover their content.
    mutating func copy(_ name: String, of folder: URL, bytes: Int, to path: String) throws(RenderError) {
        guard let previous = own(path) else { return }
        if let state = diskState(path, recordedAt: previous), state.size == Int64(bytes),
            previous.map({ baseline.previous.state(at: $0) == state }) ?? true
        {
            unchanged += 1
            keep(path, OutputRecord(digest: Self.named, state: state), previous: previous)
            return
        }
        let file = baseline.staging.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            // The URL only now: tens of thousands of web sizes are there already.
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: file)
        } catch {
            throw .write(path: file.path, reason: ErrorReason.of(error))
        }
        var info = stat()
        guard stat(file.path, &info) == 0 else { throw .write(path: file.path, reason: TreeRemoval.describe(errno)) }
        keep(path, OutputRecord(digest: Self.named, state: FileState(info)), previous: nil)
        staged.append(path)
    }

    /// The digest recorded for a file whose name covers its content: only its state is compared.
    static let named = OutputRecord.named

    /// Claims `path` for this build: nil when it was claimed already, else the index of the
    /// last build's record of it, if any.
    private mutating func own(_ path: String) -> Int?? {
        guard let index = baseline.previous.index(of: path) else {
            return claimedNew.insert(path).inserted ? .some(nil) : nil
        }
        guard !claimed[index] else { return nil }
        claimed[index] = true
        ownedRecorded += 1
        return .some(index)
    }

    /// The file's state on disk, taken from its record when the records are the disk.
    private func diskState(_ path: String, recordedAt index: Int?) -> FileState? {
        index.flatMap(baseline.disk.state(recordedAt:)) ?? baseline.disk[path]
    }

    private mutating func record(_ made: Made) {
        let claim = own(made.path)
        if let state = made.staged {
            staged.append(made.path)
            keep(made.path, OutputRecord(digest: made.digest, state: state), previous: nil)
        } else if let state = diskState(made.path, recordedAt: claim ?? nil) {
            unchanged += 1
            if !made.current { changes[made.path] = OutputRecord(digest: made.digest, state: state) }
        }
    }

    /// Records `record` for `path`, a change unless it is the last build's (at `previous`).
    private mutating func keep(_ path: String, _ record: OutputRecord, previous: Int?) {
        if let index = previous, baseline.previous.state(at: index) == record.state,
            baseline.previous.hasDigest(record.digest, at: index)
        {
            return
        }
        changes[path] = record
    }
}

/// One file a render produces from a digest of its inputs.
enum SiteOutput: Sendable {
    /// `template` rendered over `model`.
    case page(path: String, template: String, model: any TemplateFields)
    /// Bytes made in full (JSON, the search index, an asset).
    case data(path: String, data: Data)
    /// A file made only when `inputs`, a digest of everything it is made from (its template
    /// included), differs from the one recorded: `make` gives its content then, and is not
    /// called otherwise.
    case keyed(path: String, inputs: String, make: @Sendable () -> Content)

    /// What an output holds once made: a page to render, or bytes.
    enum Content {
        case page(template: String, model: any TemplateFields)
        case data(Data)
    }
}

extension SiteOutput {
    /// Relative to the site root.
    var path: String {
        switch self {
        case .page(let path, _, _), .data(let path, _), .keyed(let path, _, _): path
        }
    }
}

/// An output made only when it is rendered, so that a build never holds every page's model at
/// once; its path is known before, for the sitemap.
struct PendingOutput: Sendable {
    let path: String
    let make: @Sendable () -> SiteOutput
}
