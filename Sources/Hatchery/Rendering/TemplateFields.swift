import Mustache

/// A page model that templates read by field name from a table made once per type, instead of
/// through swift-mustache's `Mirror` reflection, which walked every property on every lookup and
/// took about half of a full render's time. The same table writes the model into an output's
/// digest (`OutputDigest`), each field by its static type, so what a template can read and what
/// decides whether a page is made again are one list.
protocol TemplateFields: TemplateValue, MustacheParent {
    static var templateFields: TemplateFieldTable<Self> { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        Self.templateFields.value(named: name, of: self)
    }

    var templateValue: Any? { self }

    func addDigest(to input: inout DigestInput) {
        input.bytes.append(6)
        for field in Self.templateFields.fields { field.digest(self, &input) }
    }
}

/// The fields of `Root` a template may name, in declaration order, each with how to read it
/// and how to write it into a digest.
struct TemplateFieldTable<Root>: Sendable {
    struct Field: Sendable {
        let name: String
        let read: @Sendable (Root) -> Any?
        let digest: @Sendable (Root, inout DigestInput) -> Void

        /// The field `name`, whose value `value` reads.
        static func field<Value: TemplateValue>(_ name: String, _ value: @escaping @Sendable (Root) -> Value) -> Field {
            Field(name: name, read: { value($0).templateValue }, digest: { value($0).addDigest(to: &$1) })
        }
    }

    let fields: [Field]
    private let positions: [String: Int]

    init(_ fields: [Field]) {
        self.fields = fields
        positions = Dictionary(fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var names: [String] { fields.map(\.name) }

    func value(named name: String, of root: Root) -> Any? {
        positions[name].flatMap { fields[$0].read(root) }
    }
}

/// A model many pages share, with its digest made once: a card sits on its grid, tag and model
/// pages, and writing every card's fields into each page's digest was most of a small rebuild's
/// work on those pages. Templates read it as the model itself.
struct Digested<Value: TemplateFields>: TemplateValue, MustacheParent {
    let value: Value
    /// SHA-256 of the value's digest input.
    let digest: SHA256Digest.Words

    init(_ value: Value) {
        var input = DigestInput()
        value.addDigest(to: &input)
        self.value = value
        digest = SHA256Digest.words(of: input.bytes)
    }

    /// `value` named by `digest`, a digest of what it was made from that the caller vouches
    /// for (a card by its `CardSource` key).
    init(_ value: Value, digest: SHA256Digest.Words) {
        self.value = value
        self.digest = digest
    }

    var templateValue: Any? { self }

    func child(named name: String) -> Any? { value.child(named: name) }

    func addDigest(to input: inout DigestInput) {
        input.bytes.append(9)
        input.add(digest)
    }
}

/// A value a page model holds: what a template sees of it, and its bytes in a digest.
protocol TemplateValue: Sendable {
    /// What swift-mustache is given: nil for an absent optional, as its reflection had it.
    var templateValue: Any? { get }
    /// Appends the value tagged with its kind, strings with their length, lists closed: no two
    /// different models write the same bytes.
    func addDigest(to input: inout DigestInput)
}

/// The bytes a page model is written into before hashing (see `OutputDigest`).
struct DigestInput {
    var bytes: [UInt8] = []

    mutating func addLength(_ value: Int) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A digest's 32 bytes (big-endian words).
    mutating func add(_ digest: SHA256Digest.Words) {
        bytes.append(contentsOf: SHA256Digest.bytes(of: digest))
    }

    mutating func add(_ text: String) {
        bytes.append(1)
        addLength(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
    }
}

extension String: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) { input.add(self) }
}

extension Int: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) {
        input.bytes.append(2)
        input.addLength(self)
    }
}

extension Int64: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) {
        input.bytes.append(3)
        input.addLength(Int(self))
    }
}

extension Bool: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) { input.bytes.append(self ? 4 : 5) }
}

extension Optional: TemplateValue where Wrapped: TemplateValue {
    var templateValue: Any? { self?.templateValue }
    func addDigest(to input: inout DigestInput) {
        if let self { self.addDigest(to: &input) } else { input.bytes.append(0) }
    }
}

extension Array: TemplateValue where Element: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) {
        input.bytes.append(7)
        for element in self { element.addDigest(to: &input) }
        input.bytes.append(8)
    }
}

extension DerivedRecipe.Role: TemplateValue {
    var templateValue: Any? { self }
    func addDigest(to input: inout DigestInput) { input.add(rawValue) }
}
