/// An sRGB colour with straight (not premultiplied) alpha; every component is in 0…1.
public struct Color: Sendable, Hashable {
    /// Red, 0…1.
    public var r: Double
    /// Green, 0…1.
    public var g: Double
    /// Blue, 0…1.
    public var b: Double
    /// Opacity, 0 (transparent) to 1 (opaque).
    public var a: Double

    /// Components outside 0…1 are clamped; NaN becomes 0, so a colour is always drawable.
    public init(r: Double, g: Double, b: Double, a: Double = 1) {
        self.r = Color.clamp(r)
        self.g = Color.clamp(g)
        self.b = Color.clamp(b)
        self.a = Color.clamp(a)
    }

    /// A grey of the given lightness (0 black … 1 white).
    public init(white: Double, a: Double = 1) {
        self.init(r: white, g: white, b: white, a: a)
    }

    /// Parses `#RRGGBB` or `#RRGGBBAA` (the `#` is optional, case does not matter);
    /// returns nil for anything else.
    public init?(hex: String) {
        // Read as bytes: themes name colours this way and figures ask for them for every element.
        var value: UInt32 = 0
        var count = 0
        for (index, byte) in hex.utf8.enumerated() {
            if index == 0, byte == UInt8(ascii: "#") { continue }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            count += 1
            guard count <= 8 else { return nil }
            value = value << 4 | UInt32(digit)
        }
        guard count == 6 || count == 8 else { return nil }
        let channels = count == 6 ? value << 8 | 0xFF : value
        self.init(r: Double(channels >> 24 & 0xFF) / 255,
                  g: Double(channels >> 16 & 0xFF) / 255,
                  b: Double(channels >> 8 & 0xFF) / 255,
                  a: Double(channels & 0xFF) / 255)
    }

    /// Opaque black.
    public static let black = Color(r: 0, g: 0, b: 0)
    /// Opaque white.
    public static let white = Color(r: 1, g: 1, b: 1)
    /// Fully transparent (draws nothing).
    public static let clear = Color(r: 0, g: 0, b: 0, a: 0)

    /// The same colour with a different opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(r: r, g: g, b: b, a: alpha)
    }

    /// `#rrggbb`, lower case, ignoring alpha (SVG carries alpha as a separate opacity).
    public var hexRGB: String {
        // Written byte by byte: the SVG writer asks for it for every element.
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "#")]
        for component in [r, g, b] {
            let byte = Int((component * 255).rounded())
            bytes += [hex[byte >> 4], hex[byte & 0xF]]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `#rrggbbaa`, lower case.
    public var hexRGBA: String { hexRGB + Color.hexByte(a) }

    /// True when the colour would draw nothing.
    public var isInvisible: Bool { a <= 0 }

    private static func clamp(_ value: Double) -> Double {
        value.isNaN ? 0 : min(1, max(0, value))
    }

    private static func hexByte(_ component: Double) -> String {
        let byte = Int((component * 255).rounded())
        let text = String(byte, radix: 16)
        return byte < 16 ? "0" + text : text
    }
}
