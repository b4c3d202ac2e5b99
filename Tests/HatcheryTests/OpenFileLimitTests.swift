import Foundation
import Testing

@testable import Hatchery

/// Under a low `ulimit -n` a build failed with "unable to open database file", or said the
/// templates folder had no `index.mustache`: now it names the limit before opening anything, and
/// the executable raises the soft limit first. In child processes, since the limit is the
/// whole process's.
@Suite struct OpenFileLimitTests {
    @Test func aBuildUnderTheLimitSaysSoAndOpensNothing() async {
        await #expect(processExitsWith: .success) {
            let site = FileManager.default.temporaryDirectory.appendingPathComponent("limit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: site) }
            try Data("gallery:\n  title: T\nprompts:\n  - id: a\n    prompt: A fox\n".utf8)
                .write(to: site.appendingPathComponent("catalog.yaml"))
            var limit = rlimit()
            guard getrlimit(RLIMIT_NOFILE_KIND, &limit) == 0 else { exit(2) }
            limit.rlim_cur = 16
            guard setrlimit(RLIMIT_NOFILE_KIND, &limit) == 0 else { exit(3) }
            do {
                _ = try await BuildPipeline(options: BuildOptions(siteDirectory: site)).run()
                exit(4)
            } catch let error as OpenFileLimitError {
                let message = error.errorDescription ?? ""
                guard error.limit == 16, message.contains("open-file limit is 16"), message.contains("ulimit -n"),
                    !FileManager.default.fileExists(atPath: site.appendingPathComponent(".hatchery").path)
                else { exit(5) }
            } catch {
                exit(6)
            }
        }
    }

    @Test func theSoftLimitIsRaisedTowardsTheHardOne() async {
        await #expect(processExitsWith: .success) {
            var limit = rlimit()
            guard getrlimit(RLIMIT_NOFILE_KIND, &limit) == 0 else { exit(2) }
            // A machine whose hard limit is this low has nothing to raise towards.
            guard limit.rlim_max > 200 else { exit(0) }
            limit.rlim_cur = 100
            guard setrlimit(RLIMIT_NOFILE_KIND, &limit) == 0 else { exit(3) }
            guard let raised = OpenFileLimit.raise(), raised == Int(min(limit.rlim_max, 65_536)) else { exit(4) }
            guard (try? OpenFileLimit.check(cores: 4)) != nil else { exit(5) }
        }
    }

    @Test func theMessageSaysHowToRaiseIt() {
        let soft = OpenFileLimitError(limit: 16, hardLimit: 4096, required: 80, cores: 2)
        #expect(soft.errorDescription?.contains("`ulimit -n 1024`") == true)
        let hard = OpenFileLimitError(limit: 16, hardLimit: 40, required: 80, cores: 2)
        #expect(hard.errorDescription?.contains("at most 40") == true)
    }
}

#if canImport(Glibc)
let RLIMIT_NOFILE_KIND = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
let RLIMIT_NOFILE_KIND = RLIMIT_NOFILE
#endif
