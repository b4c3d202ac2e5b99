import AsyncHTTPClient
import Foundation
import NIOCore

/// Why a request did not get an answer, as words a person reads: `"connection refused"`,
/// `"timed out waiting for the answer"`. NIO's own descriptions (`"connection reset (error
/// set): Connection refused) (errno: 111)"`) name internals, not the cause.
enum TransportReason {
    static func of(_ error: any Error) -> String {
        if let io = error as? IOError {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout: return "timed out connecting"
            case .readTimeout, .deadlineExceeded: return "timed out waiting for the answer"
            case .remoteConnectionClosed: return "the server closed the connection before answering"
            case .cancelled: return "cancelled"
            case .tlsHandshakeTimeout: return "timed out in the TLS handshake"
            default: break
            }
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel {
            return "timed out connecting"
        }
        return ErrorReason.of(error)
    }
}
