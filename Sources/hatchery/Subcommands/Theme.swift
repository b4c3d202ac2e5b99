import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Theme: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with the gallery's theme.",
            subcommands: [Export.self]
        )

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Copy the built-in theme into DIR/templates for editing; the build then uses it."
            )

            @OptionGroup var site: SiteOptions

            func run() throws {
                let written = try ThemeExporter.export(into: site.url)
                for path in written { print(site.url.appendingPathComponent(path).path) }
                FileHandle.standardError.write(
                    Data(
                        """
                        Wrote the built-in theme's \(written.count) files. `hatchery build` uses \
                        \(site.url.appendingPathComponent("templates").path) unless the catalog's \
                        gallery.templates or --templates names another folder.

                        """.utf8
                    )
                )
            }
        }
    }
}
