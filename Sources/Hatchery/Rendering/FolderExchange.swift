import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Swaps two paths in one step of the file system, so that neither is ever missing.
enum FolderExchange {
    /// Exchanges `a` and `b`, both of which exist; returns 0 or an errno (`EINVAL`, `ENOSYS`
    /// or `ENOTSUP` when the system or file system cannot exchange).
    static func exchange(_ a: String, _ b: String) -> Int32 {
        #if os(Linux)
        // glibc (2.28 and later) declares renameat2 only under _GNU_SOURCE, which Swift's Glibc
        // module is not built with, so neither it nor RENAME_EXCHANGE is imported. It is looked
        // up in the C library at run time instead: a missing symbol (an older libc) falls back
        // rather than failing to link, and the C calling convention is stated, not assumed.
        typealias RenameAt2 =
            @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, linux/fs.h: part of the kernel's ABI
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return ENOSYS }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 ? 0 : errno
        #else
        return ENOSYS
        #endif
    }

    /// Whether `code` means "this system cannot exchange", as opposed to a real failure.
    static func isUnsupported(_ code: Int32) -> Bool {
        code == EINVAL || code == ENOSYS || code == ENOTSUP || code == EOPNOTSUPP
    }
}
