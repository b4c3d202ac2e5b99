import Foundation
import Testing

@testable import Hatchery

/// The theme compiled into the binary is the repository's `templates/`, byte for byte.
@Suite struct BuiltInThemeTests {
    @Test func theBuiltInThemeIsTemplatesByteForByte() throws {
        let onDisk = try ThemeFiles(folder: Fixtures.templates)
        let builtIn = BuiltInTheme.themeFiles
        #expect(
            builtIn.files.map(\.path) == onDisk.files.map(\.path),
            "templates/ changed: run scripts/embed-theme"
        )
        for (embedded, file) in zip(builtIn.files, onDisk.files) {
            #expect(embedded.data == file.data, "\(file.path) differs from templates/: run scripts/embed-theme")
        }
        #expect(builtIn.digest == onDisk.digest)
    }

    @Test func theBuiltInThemeLoadsWithEveryPageAndPartial() throws {
        let templates = try TemplateSet.builtIn()
        #expect(templates.origin == .builtIn)
        #expect(templates.files.assets.map(\.path).contains("style.css"))
    }

    @Test func aFileThatIsNotTextSurvivesAsBase64() {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF])
        #expect(BuiltInTheme.Contents.base64(bytes.base64EncodedString()).data == bytes)
    }

    @Test func theStampRecordsTheBuiltInThemeApartFromAnyFolder() {
        #expect(TemplateSet.Origin(recorded: TemplateSet.Origin.builtIn.recorded) == .builtIn)
        let folder = URL(fileURLWithPath: "/tmp/built-in")
        #expect(TemplateSet.Origin(recorded: TemplateSet.Origin.folder(folder).recorded) == .folder(folder))
    }
}
