import CCairo
import Foundation

/// Collects the bytes Cairo writes to a stream surface or PNG stream, so rendering returns
/// `Data` and never touches the file system.
final class ByteSink {
    private(set) var data = Data()

    /// The C callback Cairo calls with each chunk; `closure` is an unretained `ByteSink`.
    static let write: cairo_write_func_t = { closure, bytes, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let bytes, length > 0 { sink.data.append(bytes, count: Int(length)) }
        return CAIRO_STATUS_SUCCESS
    }

    /// The pointer to hand Cairo as its `closure`; valid as long as this sink is alive.
    var closure: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}
