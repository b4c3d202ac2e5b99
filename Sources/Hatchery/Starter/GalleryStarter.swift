import Foundation

/// `hatchery init`: a new gallery folder holding one commented catalog that builds offline.
public enum GalleryStarter {
    /// Writes `folder/catalog.yaml` (making `folder` when it does not exist) and returns its URL.
    ///
    /// - Throws: `StarterError.catalogExists` when the folder already holds a catalog (nothing
    ///   is written), `.notAFolder` when `folder` is a file, `.write` when the disk refuses.
    public static func start(in folder: URL) throws(StarterError) -> URL {
        let catalog = folder.appendingPathComponent("catalog.yaml")
        guard !FileManager.default.fileExists(atPath: catalog.path) else { throw .catalogExists(path: catalog.path) }
        try FolderMaker.makeFolder(folder)
        do {
            try FolderMaker.writeNew(Data(starterCatalog.utf8), to: catalog)
        } catch .write where FileManager.default.fileExists(atPath: catalog.path) {
            // Made by someone else between the check and the write.
            throw .catalogExists(path: catalog.path)
        }
        return catalog
    }

    /// The catalog a new gallery starts from: the local provider, so it builds with no key and
    /// no network; every field a user is likely to change next is shown and explained.
    static let starterCatalog = """
        # A Hatchery gallery. `hatchery build` generates every prompt's images and renders the
        # site into public/; `hatchery serve` previews it at http://127.0.0.1:8000/.
        # Every field is checked before anything is generated: a typo is an error, never a cost.

        gallery:
          title: My gallery
          description: A few prompts to start from; replace them with your own.
          page_size: 48                # prompts per index, tag and model page
          sort: catalog                # catalog (this file's order), newest (generated last first) or title
          show_spend: true             # false: no cost on any public page or file, and no cost page
          # base_url: https://example.com/gallery/   # where the site is published: adds canonical
          #                            # links, sitemap.xml, feed.xml and link previews (they need it)
          # templates: templates       # the built-in theme is used when this is unset and there is
          #                            # no templates/ folder here; `hatchery theme export` copies it out

        # local makes placeholder images offline, for free. To generate for real, set
        # `provider: eggapi` and export EGGAPI_API_KEY before building; `hatchery plan` shows
        # the cost first, and `hatchery build --max-spend 2.50` caps it.
        provider: local

        defaults:                      # what a prompt leaves out
          model: nanobanana            # nanobanana or nanobanana-pro
          aspect_ratio: "16:9"         # 16:9 or 9:16
          num_outputs: 1               # 1 to 4 images a prompt

        prompts:
          - id: lighthouse-at-dawn     # the page's file name: lowercase letters, digits, hyphens
            title: Lighthouse at dawn
            prompt: A red lighthouse on a rocky headland at dawn, long golden light, calm sea
            tags: [coast, morning]
          - id: neon-alley
            title: Neon alley
            prompt: A narrow neon-lit alley at night in the rain, pink and cyan signs in the puddles
            negative_prompt: people, text, watermark
            aspect_ratio: "9:16"
            tags: [city, night]
          - id: alpine-lake
            title: Alpine lake
            prompt: A turquoise alpine lake below snowy peaks, pine forest on the shore, clear morning
            tags: [mountains, water]
          - id: ceramic-teapot
            title: Ceramic teapot
            prompt: Product photo of a teal ceramic teapot on a linen cloth, soft window light
            caption: A product shot for a shop listing.
            model: nanobanana-pro
            num_outputs: 2
            tags: [product]

        """
}
