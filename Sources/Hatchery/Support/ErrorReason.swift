import Foundation

/// An error as the end of one of our sentences: `"not a directory"`, `"file name too long"`,
/// instead of Foundation's `"The operation could not be completed. (NSCocoaErrorDomain error
/// 512.)"`, and without a final full stop, since every message adds its own.
public enum ErrorReason {
    public static func of(_ error: any Error) -> String {
        if let code = posixCode(error) { return of(errno: code) }
        var text = (error as? LocalizedError)?.errorDescription ?? error.localizedDescription
        // Foundation's preamble says nothing; what follows it is the reason, when there is one.
        let preamble = "The operation could not be completed. "
        if text.hasPrefix(preamble), !text.dropFirst(preamble.count).hasPrefix("(") {
            text = String(text.dropFirst(preamble.count)).lowercasedFirst
        }
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `strerror`'s sentence for `code`: `"no such file or directory"`.
    public static func of(errno code: Int32) -> String {
        String(cString: strerror(code)).lowercasedFirst
    }

    /// The errno behind a file-system error, however deep Foundation wrapped it.
    private static func posixCode(_ error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let bridged = error as NSError
        if bridged.domain == NSPOSIXErrorDomain { return Int32(bridged.code) }
        if let underlying = bridged.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(underlying) }
        return nil
    }
}

extension String {
    fileprivate var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
