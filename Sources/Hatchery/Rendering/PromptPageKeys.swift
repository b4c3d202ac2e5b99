/// The digests of what a prompt's page and its JSON sidecar are made from, which a render
/// compares with the recorded ones before making either (see `SiteOutput.keyed`): the
/// Hatchery build, the prompt template, what every page shares (the site's title, description,
/// model links and base URL), the prompt's own `EntryDigest`, the pages its tags and model
/// link to, and the prompts before and after it, whose titles it links to. A sidecar is made
/// from the build, the prompt's `EntryDigest` and whether costs are shown.
struct PromptPageKeys: Sendable {
    /// The shared part of every prompt page's digest input.
    private let shared: [UInt8]
    /// Whether the sidecars carry costs.
    private let showSpend: Bool

    init(site: SiteView, heads: PageHeads, template: String) {
        var input = DigestInput()
        input.add("prompt page")
        input.add(ExecutableBuildID.current)
        input.add(template)
        site.addDigest(to: &input)
        input.add(heads.siteTitle)
        input.add(optional: heads.baseURL)
        shared = input.bytes
        showSpend = site.showSpend
    }

    /// `digest` is `entry`'s `EntryDigest`. Both results are 64 lowercase hex characters.
    func inputs(
        of entry: GalleryContent.Entry,
        digest: SHA256Digest.Words,
        between previous: GalleryContent.Entry?,
        and next: GalleryContent.Entry?,
        names: SiteNames
    ) -> (page: String, sidecar: String) {
        var input = DigestInput()
        input.bytes = shared
        input.add(digest)
        input.add(all: entry.spec.tags.map { names.tagPage($0) })
        input.add(names.modelPage(entry.shownModel))
        for neighbour in [previous, next] {
            if let neighbour {
                input.bytes.append(1)
                input.add(neighbour.spec.id)
                input.add(neighbour.spec.displayTitle)
            } else {
                input.bytes.append(0)
            }
        }
        var sidecar = DigestInput()
        sidecar.add("prompt sidecar")
        sidecar.add(ExecutableBuildID.current)
        sidecar.bytes.append(showSpend ? 1 : 0)
        sidecar.add(digest)
        return (SHA256Digest.hex(of: input.bytes), SHA256Digest.hex(of: sidecar.bytes))
    }
}
