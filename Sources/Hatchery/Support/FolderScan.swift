import Foundation
import Synchronization

/// Walks a folder's files with `opendir` and `fstatat` on the open folder, without following
/// symbolic links: tens of thousands of files in a fraction of what `FileManager`'s enumerator
/// takes, reading none of their bytes.
enum FolderScan {
    /// Every file under `folder` by relative path, with its size and modification time; empty
    /// when `folder` does not exist.
    static func states(_ folder: URL) -> [String: FileState] {
        scan(folder).states
    }

    /// `states`, and apart from them the entries whose names are not UTF-8 (an archive unpacked
    /// from another system), by relative path as bytes: no `String` spells them, so no output
    /// of a build is one, and a `String` key would name another file (U+FFFD for each bad byte).
    /// A folder whose name is not UTF-8 is listed once (when it holds a file), not its files.
    static func scan(_ folder: URL) -> (states: [String: FileState], undecodable: [[UInt8]]) {
        guard
            let split = splitTopLevel(
                folder,
                { path, name in
                    var states: [String: FileState] = [:]
                    var undecodable: Set<[UInt8]> = []
                    _ = walk(path, relative: name) { relative, state in
                        if let text = String(validating: relative, as: UTF8.self) {
                            states[text] = state
                        } else {
                            undecodable.insert(firstUndecodable(relative))
                        }
                    }
                    return (states: states, undecodable: undecodable)
                }
            )
        else { return ([:], []) }
        var states = [String: FileState](
            minimumCapacity: split.folders.reduce(split.files.count) { $0 + $1.value.states.count }
        )
        var undecodable: [[UInt8]] = []
        for (name, state) in split.files {
            if let text = String(validating: name, as: UTF8.self) {
                states[text] = state
            } else {
                undecodable.append(name)
            }
        }
        for (_, folder) in split.folders {
            states.merge(folder.states) { first, _ in first }
            undecodable += folder.undecodable.sorted { $0.lexicographicallyPrecedes($1) }
        }
        return (states, undecodable)
    }

    /// `relative` (bytes, `/` between components) up to its first component that is not UTF-8.
    private static func firstUndecodable(_ relative: [UInt8]) -> [UInt8] {
        var end = 0
        for component in relative.split(separator: 47, omittingEmptySubsequences: false) {
            end = component.endIndex
            if String(validating: component, as: UTF8.self) == nil { break }
        }
        return Array(relative[..<end])
    }

    /// `folder`'s top-level entries in byte order of their names: its files with their `stat`,
    /// and for each subfolder what `scan` made of it (given the subfolder's path and its name,
    /// both as UTF-8), the subfolders scanned on every core. A site's files sit in a few large
    /// folders (`images/`, `prompts/`), and `fstatat` on tens of thousands of them is most of a
    /// small rebuild's wait. nil when `folder` cannot be opened.
    static func splitTopLevel<Value: Sendable>(
        _ folder: URL,
        _ scan: @Sendable (_ path: [UInt8], _ name: [UInt8]) -> Value
    ) -> (files: [(name: [UInt8], state: FileState)], folders: [(name: [UInt8], value: Value)])? {
        let path = Array(folder.path.utf8)
        guard let entries = list(path) else { return nil }
        let files = entries.filter { !$0.isFolder }.map { (name: $0.name, state: $0.state) }
        let folders = entries.filter(\.isFolder).map(\.name)
        let values = Mutex([Value?](repeating: nil, count: folders.count))
        DispatchQueue.concurrentPerform(iterations: folders.count) { index in
            let value = scan(path + [47] + folders[index], folders[index])
            values.withLock { $0[index] = value }
        }
        let scanned = values.withLock { $0 }
        return (files, zip(folders, scanned).compactMap { name, value in value.map { (name, $0) } })
    }

    /// Every file under `folder` by relative path, from the folder listings alone (no `stat`
    /// unless the file system does not say an entry's type); empty when `folder` does not exist.
    static func paths(_ folder: URL) -> Set<String> {
        var paths: Set<String> = []
        listFiles(Array(folder.path.utf8), relative: []) { paths.insert(String(decoding: $0, as: UTF8.self)) }
        return paths
    }

    private static func listFiles(_ path: [UInt8], relative: [UInt8], visit: (_ relative: [UInt8]) -> Void) {
        guard let directory = opendir(cPath(path)) else { return }
        var folders: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = entryName(entry)
            let isFolder: Bool
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): isFolder = true
            case Int32(DT_UNKNOWN):
                var info = stat()
                isFolder =
                    fstatat(dirfd(directory), name.cString, &info, AT_SYMLINK_NOFOLLOW) == 0
                    && info.st_mode & S_IFMT == S_IFDIR
            default: isFolder = false
            }
            let bytes = name.bytes
            guard bytes != [46], bytes != [46, 46] else { continue }
            let child = relative.isEmpty ? bytes : relative + [47] + bytes
            if isFolder { folders.append(bytes) } else { visit(child) }
        }
        closedir(directory)
        for name in folders {
            listFiles(path + [47] + name, relative: relative.isEmpty ? name : relative + [47] + name, visit: visit)
        }
    }

    /// Walks the folder at `path` (UTF-8), whose files `visit` sees as `relative` + `/` + their
    /// path under it, with their `stat`, in the order the folders list them. Each file is
    /// visited as it is read, and only the names of subfolders are kept: memory stays flat
    /// however many files a folder holds. Returns false when `path` cannot be opened.
    static func walk(
        _ path: [UInt8],
        relative: [UInt8],
        visit: (_ relative: [UInt8], _ state: FileState) -> Void
    ) -> Bool {
        guard let directory = opendir(cPath(path)) else { return false }
        var folders: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = entryName(entry)
            guard name.bytes != [46], name.bytes != [46, 46] else { continue }
            var info = stat()
            guard fstatat(dirfd(directory), name.cString, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                folders.append(name.bytes)
            } else {
                visit(relative.isEmpty ? name.bytes : relative + [47] + name.bytes, FileState(info))
            }
        }
        // Closed before going down, so that a deep tree holds one folder open at a time.
        closedir(directory)
        for name in folders {
            _ = walk(path + [47] + name, relative: relative.isEmpty ? name : relative + [47] + name, visit: visit)
        }
        return true
    }

    /// The name of an entry `readdir` returned: its bytes, and the name in place for calls that
    /// take a C string. Read in place because a record is only `d_reclen` bytes long: copying
    /// `d_name` whole (256 bytes, as `entry.pointee.d_name` does) read past the last record of
    /// the buffer, and a build crashed when that was the end of a page (found by the attack).
    static func entryName(_ entry: UnsafePointer<dirent>) -> (bytes: [UInt8], cString: UnsafePointer<CChar>) {
        let cString = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
        return (Array(UnsafeRawBufferPointer(start: cString, count: strlen(cString))), cString)
    }

    /// Where `d_name` starts in a `dirent` (the key path always names a stored field; 19 is
    /// glibc's offset on 64-bit Linux).
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19

    /// `path` as the system takes it, NUL-terminated: its bytes as they are, UTF-8 or not.
    static func cPath(_ path: [UInt8]) -> [CChar] {
        path.map { CChar(bitPattern: $0) } + [0]
    }

    /// The entries of the folder at `path` (bytes) with their `stat`, but `.` and `..`;
    /// nil when it cannot be opened.
    static func list(_ path: [UInt8], sorted: Bool = true) -> [Entry]? {
        guard let directory = opendir(cPath(path)) else { return nil }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = entryName(entry)
            guard name.bytes != [46], name.bytes != [46, 46] else { continue }
            var info = stat()
            if fstatat(dirfd(directory), name.cString, &info, AT_SYMLINK_NOFOLLOW) == 0 {
                entries.append((name.bytes, FileState(info), info.st_mode & S_IFMT == S_IFDIR))
            }
        }
        closedir(directory)
        if sorted { entries.sort { precedes($0.name, $1.name) } }
        return entries
    }

    /// A folder entry as `list` keeps it: what the walks use of its `stat` (a whole `stat` is
    /// 144 bytes; a folder of 40,000 web images held 6 MB of them, twice while sorted).
    typealias Entry = (name: [UInt8], state: FileState, isFolder: Bool)

    /// Byte order of `a` and `b`, by memcmp.
    private static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                guard let first = a.baseAddress, let second = b.baseAddress else { return a.count < b.count }
                let order = memcmp(first, second, min(a.count, b.count))
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}

extension FileState {
    init(_ info: stat) {
        self.init(
            size: Int64(info.st_size),
            // Wrapping: a file dated after 2262 (`touch -d 2300-01-01`) is past Int64's
            // nanoseconds, and trapping on it stopped every build until the file was fixed by
            // hand. Wrapped, two times still differ unless 584 years apart.
            modified: Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
        )
    }
}
