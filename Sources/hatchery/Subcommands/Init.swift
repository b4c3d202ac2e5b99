import ArgumentParser
import Foundation
import Hatchery

extension HatcheryCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a gallery in DIR: a commented catalog.yaml that builds offline."
        )

        @Argument(help: "The folder to start the gallery in (made if missing).", completion: .directory)
        var directory: String

        func run() throws {
            let catalog = try GalleryStarter.start(in: URL(fileURLWithPath: directory))
            let folder = Self.quoted(directory)
            print(
                """
                Wrote \(catalog.path)
                Next:
                  hatchery build \(folder)    # generates the images offline and renders \(folder)/public
                  hatchery serve \(folder)    # previews the gallery at http://127.0.0.1:8000/
                To edit the theme: hatchery theme export \(folder)
                """
            )
        }

        /// The folder as a shell reads it back: quoted when it holds anything but safe characters.
        static func quoted(_ path: String) -> String {
            let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/._-+:@%,="))
            guard path.unicodeScalars.contains(where: { !safe.contains($0) }) || path.isEmpty else { return path }
            return "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }
    }
}
