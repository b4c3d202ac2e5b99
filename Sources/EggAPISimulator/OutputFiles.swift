import Foundation
import Hatchery
import Hummingbird
import NIOCore

/// Renders and serves output PNGs, on either origin, with the download faults applied.
struct OutputFiles: Sendable {
    let state: SimulatorState
    let configuration: SimulatorConfiguration

    /// Output `index` of `task`, if the task has completed: its picture in the task's PNG
    /// variant, cut short while truncated-then-whole says so or when a truncated download is drawn.
    func serve(_ task: SimulatedTask, index: Int) async throws -> Response {
        guard task.status(at: Date()) == .completed, (0..<task.request.numOutputs).contains(index) else {
            return Response(
                status: .notFound,
                headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: #"{"data":null,"error":{"code":"NOT_FOUND","message":"No such file"}}"#
                    )
                )
            )
        }
        var data = try render(task, index: index)
        if configuration.faults.hostileOutput != nil { await state.count(.hostileOutput) }
        let truncatedForNow = await state.fetchIsTruncated(id: task.id, index: index)
        if truncatedForNow {
            data = data.prefix(data.count / 2)
        } else if await state.roll(.truncatedDownload, rate: configuration.faults.truncatedDownload) {
            data = data.prefix(data.count / 2)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "image/png"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    func render(_ task: SimulatedTask, index: Int) throws -> Data {
        let variant = task.shape.png
        let longSide: Int? =
            switch variant.size {
            case .task: configuration.imageLongSide
            case .tiny: 16
            case .onePixel: 1
            }
        var image = ImageSynthesizer().render(
            task.request,
            fingerprint: Fingerprint(provider: .eggapi, request: task.request),
            index: index,
            longSide: longSide
        )
        if variant.size == .onePixel, image.width * image.height != 1 {
            image = RGBImage(width: 1, height: 1, fill: (image.pixels[0], image.pixels[1], image.pixels[2]))
        }
        if let hostile = configuration.faults.hostileOutput {
            return try hostile.file(for: image, variant: variant)
        }
        return try PNGVariantEncoder().encode(image, as: variant)
    }
}
