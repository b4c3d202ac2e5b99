import Foundation

extension Generation {
    /// Decodes a completed task's row and its images' rows, in output order.
    init(_ task: TaskRecord, images: [ImageRecord]) {
        self.init(
            taskID: task.id ?? 0,
            provider: task.provider,
            model: task.model,
            fingerprint: Fingerprint(hex: task.fingerprint),
            cost: task.cost,
            completedAt: task.completedAt ?? task.createdAt,
            request: try? task.request(),
            images: images.map(Image.init)
        )
    }
}

extension Generation.Image {
    init(_ record: ImageRecord) {
        self.init(
            taskID: record.taskID,
            outputIndex: record.outputIndex,
            sha256: record.sha256,
            width: record.width,
            height: record.height,
            bitDepth: record.bitDepth,
            colorType: record.colorType,
            bytes: record.bytes
        )
    }
}
