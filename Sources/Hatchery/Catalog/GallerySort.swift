/// The order a gallery lists its prompts in (`gallery.sort`).
public enum GallerySort: String, Sendable, CaseIterable {
    /// As the catalog lists them.
    case catalog
    /// The most recently generated first; prompts without images last, in catalog order.
    case newest
    /// By title (or id where there is none), ignoring case; ties in catalog order.
    case title
}
