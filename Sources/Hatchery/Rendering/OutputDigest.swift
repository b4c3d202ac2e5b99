/// The digest of what one output file is made from: for a page, the Hatchery build that renders
/// it, its template (with every partial and parent it names) and every field of its page model
/// (as the keyed pages are, see `PromptPageKeys`); for any other file, its
/// bytes. A build makes a file again only when this differs from the digest recorded when the
/// file was last written (see `SiteOutputs`).
enum OutputDigest {
    /// `template` is `TemplateSet.digest(of:)` for the page's template.
    static func page(_ model: any TemplateFields, template: String) -> String {
        var input = DigestInput()
        input.bytes.reserveCapacity(4096)
        input.add(ExecutableBuildID.current)
        input.add(template)
        model.addDigest(to: &input)
        return SHA256Digest.hex(of: input.bytes)
    }
}
