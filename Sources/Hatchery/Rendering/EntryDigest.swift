import Foundation

/// The digest of everything a gallery entry brings to the files made from it: every field of
/// its prompt as the catalog has it now (but the catalog line it was read from), its shown and
/// earlier generations with their requests, and each of their images as published (names, sizes
/// and web files). A page or card that shows one prompt is made from this and from what the
/// whole site shares, so a build compares it, not the page, to tell what changed: at 10,000
/// prompts, making every prompt page's model only to find three changed was a fifth of a
/// one-title rebuild.
///
/// Every stored field of the types it reads is written here; `EntryDigestTests` lists them, and
/// fails on a field added to one of them until it is written here too.
enum EntryDigest {
    static func of(_ entry: GalleryContent.Entry, published: PublishedImages) -> SHA256Digest.Words {
        var input = DigestInput()
        input.bytes.reserveCapacity(1024)
        add(entry.spec, to: &input)
        input.add(entry.fingerprint.hex)
        input.add(optional: entry.failure)
        if let newer = entry.newer {
            input.bytes.append(1)
            input.add(newer.state.rawValue)
            input.add(newer.reason)
        } else {
            input.bytes.append(0)
        }
        if let generation = entry.generation {
            input.bytes.append(1)
            add(generation, published: published, to: &input)
        } else {
            input.bytes.append(0)
        }
        input.addLength(entry.history.count)
        for generation in entry.history { add(generation, published: published, to: &input) }
        return SHA256Digest.words(of: input.bytes)
    }

    private static func add(_ spec: PromptSpec, to input: inout DigestInput) {
        input.add(spec.id)
        input.add(spec.prompt)
        input.add(optional: spec.negativePrompt)
        input.add(spec.model)
        input.add(spec.aspectRatio.rawValue)
        input.add(optional: spec.resolution?.rawValue)
        input.addLength(spec.numOutputs)
        input.add(all: spec.imageURLs)
        input.add(optional: spec.title)
        input.add(optional: spec.caption)
        input.add(all: spec.tags)
        // `line` moves with every edit above the prompt and no page shows it; `displayTitle`
        // follows from `title` and `prompt`.
    }

    private static func add(_ generation: Generation, published: PublishedImages, to input: inout DigestInput) {
        input.addLength(Int(generation.taskID))
        input.add(generation.provider.rawValue)
        input.add(generation.model)
        input.add(generation.fingerprint.hex)
        input.addLength(Int(generation.cost.micros))
        input.addLength(Int(bitPattern: UInt(generation.completedAt.timeIntervalSinceReferenceDate.bitPattern)))
        if let request = generation.request {
            input.bytes.append(1)
            input.add(request.model)
            input.add(request.prompt)
            input.add(optional: request.negativePrompt)
            input.add(request.aspectRatio.rawValue)
            input.addLength(request.numOutputs)
            input.add(optional: request.resolution?.rawValue)
            if let urls = request.imageURLs {
                input.bytes.append(1)
                input.add(all: urls)
            } else {
                input.bytes.append(0)
            }
            input.add(optional: request.webhookURL)
        } else {
            input.bytes.append(0)
        }
        input.addLength(generation.images.count)
        for image in generation.images {
            input.addLength(Int(image.taskID))
            input.addLength(image.outputIndex)
            input.add(image.sha256)
            input.addLength(image.width)
            input.addLength(image.height)
            input.addLength(image.bitDepth)
            input.addLength(image.colorType)
            input.addLength(image.bytes)
            let files = published[image]
            add(files.original, to: &input)
            input.addLength(files.sizes.count)
            for size in files.sizes { add(size, to: &input) }
        }
    }

    private static func add(_ file: PublishedImage.File, to input: inout DigestInput) {
        input.add(file.name)
        input.addLength(file.width)
        input.addLength(file.height)
        input.add(optional: file.role?.rawValue)
        input.addLength(file.bytes)
    }
}

extension DigestInput {
    mutating func add(optional text: String?) {
        if let text { add(text) } else { bytes.append(0) }
    }

    /// The texts, counted: `["a b"]` and `["a", "b"]` write different bytes.
    mutating func add(all texts: [String]) {
        addLength(texts.count)
        for text in texts { add(text) }
    }
}
