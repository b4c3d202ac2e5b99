import Mustache

/// A page model that templates read by field name from a table made once per type, instead of
/// through swift-mustache's `Mirror` reflection, which walked every property on every lookup and
/// took about half of a full render's time. The same table feeds the model into an output's
/// digest (`OutputDigest`), so what a template can read and what decides whether a page is made
/// again are one list.
protocol TemplateFields: MustacheParent, Sendable {
    static var templateFields: TemplateFieldTable<Self> { get }
}

extension TemplateFields {
    func child(named name: String) -> Any? {
        Self.templateFields.value(named: name, of: self)
    }
}

/// The fields of `Root` a template may name, in declaration order, each with how to read it.
/// An optional field that is nil reads as nil (no value), as swift-mustache's reflection had it.
struct TemplateFieldTable<Root>: Sendable {
    typealias Reader = @Sendable (Root) -> Any?

    let names: [String]
    let readers: [Reader]
    private let positions: [String: Int]

    init(_ fields: KeyValuePairs<String, Reader>) {
        names = fields.map(\.key)
        readers = fields.map(\.value)
        positions = Dictionary(fields.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func value(named name: String, of root: Root) -> Any? {
        positions[name].flatMap { readers[$0](root) }
    }
}
