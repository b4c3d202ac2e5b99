import Foundation
import Testing

@testable import EggAPISimulator
@testable import Hatchery

/// The simulator's "worst EggAPI the contract allows": every shape and fault is produced,
/// seeded, over real HTTP on 127.0.0.1. Nothing here depends on how long anything takes.
@Suite struct SimulatorWorstShapesTests {
    static func start(_ configure: (inout SimulatorConfiguration) -> Void) async throws -> SimulatedEggAPI {
        try await SimulatedEggAPI.start { configuration in
            configuration.seed = 7
            configuration.latency = .milliseconds(60)
            configuration.jitter = 0
            configure(&configuration)
        }
    }

    /// The timestamp's style: digits as 9, e.g. `9999-99-99T99:99:99.999+99:99`.
    static func pattern(_ text: String) -> String {
        String(text.map { $0.isNumber ? "9" : $0 })
    }

    // MARK: Timestamps

    @Test func timestampStylesTruncateAndKeepTheInstantInEveryOffset() {
        let instant = Date(timeIntervalSince1970: 1_778_236_200.9999996)
        let cases: [(Int, Int, String)] = [
            (0, 0, "2026-05-08T10:30:00Z"),
            (3, 0, "2026-05-08T10:30:00.999Z"),
            (6, 0, "2026-05-08T10:30:00.999999Z"),
            (0, 480, "2026-05-08T18:30:00+08:00"),
            (6, 480, "2026-05-08T18:30:00.999999+08:00"),
            (3, -300, "2026-05-08T05:30:00.999-05:00"),
        ]
        for (digits, offset, expected) in cases {
            let text = TimestampStyle(fractionDigits: digits, offsetMinutes: offset).format(instant)
            #expect(text == expected)
            // Truncated: the written time is never after the instant, and less than one unit before it.
            let parsed = Timestamp.parse(text)!
            #expect(parsed <= instant && instant.timeIntervalSince(parsed) < [0: 1, 3: 0.001, 6: 0.000_001][digits]!)
        }
    }

    @Test func everyTaskDrawsATimestampStyleAndTheSkewShiftsEveryTime() async throws {
        let api = try await Self.start { configuration in
            configuration.shapes.timestampFractionDigits = [0, 3, 6]
            configuration.shapes.timestampOffsetMinutes = [0, 480, -300]
            configuration.shapes.clockSkew = .milliseconds(2300)
        }
        var patterns: Set<String> = []
        for i in 0..<60 {
            let before = Date()
            let task = try await api.post(prompt: "Timestamp \(i)")
            let after = Date()
            let text = try #require(task["created_at"] as? String)
            patterns.insert(Self.pattern(text))
            // The instant is the creation moment plus 2.3 s, truncated to the style's unit.
            let reported = try #require(Timestamp.parse(text)).addingTimeInterval(-2.3)
            #expect(
                reported <= after.addingTimeInterval(0.000_01) && reported > before.addingTimeInterval(-1.000_01),
                "\(text)"
            )
        }
        #expect(
            patterns == [
                "9999-99-99T99:99:99Z", "9999-99-99T99:99:99.999Z", "9999-99-99T99:99:99.999999Z",
                "9999-99-99T99:99:99+99:99", "9999-99-99T99:99:99.999+99:99", "9999-99-99T99:99:99.999999+99:99",
                "9999-99-99T99:99:99-99:99", "9999-99-99T99:99:99.999-99:99", "9999-99-99T99:99:99.999999-99:99",
            ]
        )
        await api.stop()
    }

    // MARK: Fields absent and null, output shapes

    @Test func blankFieldsAreSometimesNullAndSometimesAbsentButIdStatusModelAndCreatedAtStay() async throws {
        let api = try await Self.start { configuration in
            configuration.shapes.blankStyles = [.null, .absent]
            configuration.shapes.withheldFields = 0.5
            configuration.shapes.outputStyles = [.urlAndURLs, .urlOnly]
        }
        var pending: [[String: Any]] = []
        for i in 0..<30 { pending.append(try await api.post(prompt: "Blank \(i)", outputs: i % 2 == 0 ? 1 : 3)) }
        try await api.waitForEveryTaskToEnd()
        var ended: [[String: Any]] = []
        for task in pending { ended.append(try await api.raw(.GET, "/v1/tasks/\(task["id"] as! String)").object) }

        for object in pending + ended {
            for key in ["id", "status", "model", "created_at"] { #expect(object[key] is String, "\(key) in \(object)") }
        }
        /// Whether some object leaves `key` out and some other writes it as null.
        func bothBlanks(_ key: String, in objects: [[String: Any]]) -> Bool {
            objects.contains { $0[key] == nil } && objects.contains { $0[key] is NSNull }
        }
        for key in ["type", "started_at", "completed_at", "error", "cost", "output"] {
            #expect(bothBlanks(key, in: pending), "\(key) before the end")
        }
        for key in ["type", "started_at", "completed_at", "error"] {
            #expect(bothBlanks(key, in: ended), "\(key) after the end")
        }
        // What the contract needs at completion is always there: the cost and every URL.
        for object in ended {
            #expect(object["status"] as? String == "completed" && object["cost"] is String)
            let output = try #require(object["output"] as? [String: Any])
            let urls = output["urls"] as? [String] ?? [output["url"] as! String]
            #expect(urls.count == (object["cost"] as? String == "$0.0300" ? 3 : 1))
        }
        let urlOnly = ended.filter { ($0["output"] as? [String: Any])?["urls"] == nil }
        #expect(!urlOnly.isEmpty && urlOnly.allSatisfy { $0["cost"] as? String == "$0.0100" })
        #expect(
            ended.contains { ($0["output"] as? [String: Any])?["urls"] != nil && $0["cost"] as? String == "$0.0100" }
        )
        await api.stop()
    }

    // MARK: Money

    @Test func costStylesWriteTheExactAmountNeverRounded() {
        let cent = Money(micros: 10_000)
        let pro = Money(micros: 16_000)
        #expect(
            [CostStyle.dollars(2), .dollars(4), .dollars(6), .plain(6)].map { $0.text(cent) }
                == ["$0.01", "$0.0100", "$0.010000", "0.010000"]
        )
        #expect(
            [CostStyle.dollars(2), .dollars(4), .dollars(6), .plain(6)].map { $0.text(pro) }
                == ["$0.016", "$0.0160", "$0.016000", "0.016000"]
        )
        #expect(
            CostStyle.dollars(2).text(.zero) == "$0.00" && CostStyle.dollars(2).text(Money(micros: 1)) == "$0.000001"
        )
        #expect(CostStyle.dollars(4).text(Money(micros: 10_050)) == Money(micros: 10_050).formatted)
    }

    @Test func costStringsOnTasksUsageAndSummaryAreExactInEveryStyle() async throws {
        let api = try await Self.start { configuration in
            configuration.shapes.costStyles = [.dollars(2), .dollars(4), .dollars(6), .plain(6)]
            configuration.shapes.summaryCostStyle = .plain(6)
        }
        var ids: [String] = []
        for i in 0..<40 {
            ids.append(
                try await api.post(model: i % 2 == 0 ? "nanobanana" : "nanobanana-pro", prompt: "Cost \(i)")["id"]
                    as! String
            )
        }
        try await api.waitForEveryTaskToEnd()
        var texts: [String: Set<String>] = [:]
        for id in ids {
            let task = try await api.raw(.GET, "/v1/tasks/\(id)").object
            texts[task["model"] as! String, default: []].insert(task["cost"] as! String)
        }
        #expect(texts["nanobanana"] == ["$0.01", "$0.0100", "$0.010000", "0.010000"])
        #expect(texts["nanobanana-pro"] == ["$0.016", "$0.0160", "$0.016000", "0.016000"])

        let usage = try await api.raw(.GET, "/v1/usage?per_page=100").object["items"] as! [[String: Any]]
        #expect(usage.count == 40)
        #expect(usage.allSatisfy { [10_000, 16_000].contains(Money(parsing: $0["cost"] as! String)?.micros) })
        let summary = try await api.raw(.GET, "/v1/usage/summary").json["data"] as! [[String: Any]]
        #expect(summary.map { $0["total_cost"] as! String } == ["0.200000", "0.320000"])
        await api.stop()
    }

    // MARK: The second origin

    @Test func outputsOnASecondOriginAreServedWithoutAKeyAndEveryKeySentThereIsRecorded() async throws {
        let api = try await Self.start { $0.shapes.outputOrigins = [.cdn] }
        let outputBase = try #require(api.simulator.outputBaseURL)
        #expect(outputBase.port != api.simulator.baseURL.port)
        let id = try await api.post(prompt: "A fox on the CDN", outputs: 2)["id"] as! String
        try await api.waitForEveryTaskToEnd()
        let urls = try #require(
            (try await api.raw(.GET, "/v1/tasks/\(id)").object["output"] as? [String: Any])?["urls"] as? [String]
        )
        #expect(
            urls.count == 2
                && urls.allSatisfy { $0.hasPrefix(outputBase.absoluteString + "/outputs/") && !$0.contains(id) }
        )

        let anonymous = try await api.raw(.GET, urls[0], authorized: false)
        #expect(anonymous.status == 200 && anonymous.headers["content-type"] == "image/png")
        _ = try PNGReader().facts(of: anonymous.body, verifyingPixels: true)
        #expect(await api.simulator.stats().outputOrigin.authorizedRequests == 0)

        #expect(try await api.raw(.GET, urls[1]).status == 200)
        #expect(try await api.raw(.GET, outputBase.absoluteString + "/outputs/nothing.png").status == 404)
        let origin = await api.simulator.stats().outputOrigin
        #expect(origin.requests == 3 && origin.authorizedRequests == 2)
        #expect(origin.authorizedPaths == [URL(string: urls[1])!.path, "/outputs/nothing.png"])
        #expect(origin.baseURL == outputBase.absoluteString)

        // The same facts over HTTP, under their JSON keys.
        let stats = try await api.raw(.GET, "/_sim/stats", authorized: false).json
        let served = stats["output_origin"] as? [String: Any]
        #expect(served?["authorized_requests"] as? Int == 2 && (served?["authorized_paths"] as? [String])?.count == 2)
        await api.stop()
    }

    // MARK: PNGs

    @Test(arguments: PNGVariant.all)
    func everyPNGVariantIsWrittenAsNamedAndDecodesThroughLibpng(_ variant: PNGVariant) throws {
        var configuration = SimulatorConfiguration(apiKey: "k")
        configuration.imageLongSide = 48
        let files = OutputFiles(state: SimulatorState(configuration: configuration), configuration: configuration)
        for aspect in [AspectRatio.landscape, .portrait] {
            var task = SimulatedTask(
                id: "gen_png",
                request: GenerationRequest(model: "nanobanana", prompt: "A heron at dusk", aspectRatio: aspect),
                createdAt: Date(),
                latency: 0,
                unitPrice: .zero,
                bodyDigest: "x"
            )
            task.shape.png = variant
            let facts = try PNGReader().facts(of: try files.render(task, index: 0), verifyingPixels: true)
            #expect(
                facts.colorType == variant.colorType.rawValue && facts.bitDepth == variant.bitDepth
                    && facts.interlaced == variant.interlaced
            )
            let expected: (Int, Int) =
                switch variant.size {
                case .task: (48, 27)
                case .tiny: (16, 9)
                case .onePixel: (1, 1)
                }
            let (width, height) = aspect == .landscape ? expected : (expected.1, expected.0)
            #expect(facts.width == width && facts.height == height, "\(variant) \(aspect): \(facts)")
        }
    }

    @Test func palettePNGsCarryATransparencyChunk() throws {
        for depth in [1, 2, 4, 8] {
            let image = RGBImage(width: 5, height: 3, fill: (200, 40, 90))
            let data = try PNGVariantEncoder().encode(image, as: PNGVariant(.palette, depth))
            #expect(data.firstRange(of: Data("tRNS".utf8)) != nil && data.firstRange(of: Data("PLTE".utf8)) != nil)
        }
    }

    @Test func servedOutputsTakeEachTasksVariantAndKeepItsAspectRatio() async throws {
        let api = try await Self.start { configuration in
            configuration.shapes.pngVariants = PNGVariant.all
            configuration.imageLongSide = 64
        }
        var ids: [String] = []
        for i in 0..<30 {
            ids.append(
                try await api.post(prompt: "Variant \(i)", outputs: 2, aspect: i % 2 == 0 ? "16:9" : "9:16")["id"]
                    as! String
            )
        }
        try await api.waitForEveryTaskToEnd()
        let rows = await api.simulator.stats().tasks
        #expect(Set(rows.map(\.pngVariant)).count >= 12)
        for (index, id) in ids.enumerated() {
            let variant = try #require(PNGVariant(name: rows.first { $0.id == id }!.pngVariant))
            let urls =
                (try await api.raw(.GET, "/v1/tasks/\(id)").object["output"] as! [String: Any])["urls"] as! [String]
            for url in urls {
                let facts = try PNGReader().facts(
                    of: try await api.raw(.GET, url, authorized: false).body,
                    verifyingPixels: true
                )
                #expect(facts.colorType == variant.colorType.rawValue && facts.bitDepth == variant.bitDepth)
                guard variant.size != .onePixel else { continue }
                let landscape = index % 2 == 0
                #expect(landscape ? facts.width > facts.height : facts.height > facts.width, "\(variant): \(facts)")
                #expect(
                    abs(max(facts.width, facts.height) * 9 - min(facts.width, facts.height) * 16) <= 16,
                    "\(variant): \(facts)"
                )
            }
        }
        await api.stop()
    }

    // MARK: Faults on task GETs, 429

    @Test func everyNthGetOfATaskFailsAndRandomOnesRepeatWithTheSeed() async throws {
        let scheduled = try await Self.start { $0.faults.taskServerErrorEvery = 3 }
        let id = try await scheduled.post(prompt: "Scheduled")["id"] as! String
        var codes: [Int] = []
        for _ in 0..<9 { codes.append(try await scheduled.raw(.GET, "/v1/tasks/\(id)").status) }
        #expect(codes == [200, 200, 500, 200, 200, 500, 200, 200, 500])
        #expect(await scheduled.simulator.stats().faults["task-5xx-scheduled"] == 3)
        await scheduled.stop()

        var runs: [[Int]] = []
        for _ in 0..<2 {
            let api = try await Self.start { $0.faults.taskServerError = 0.4 }
            let id = try await api.post(prompt: "Random")["id"] as! String
            var codes: [Int] = []
            for _ in 0..<30 { codes.append(try await api.raw(.GET, "/v1/tasks/\(id)").status) }
            #expect(
                Set(codes).isSubset(of: [200, 500, 502, 503]) && codes.contains(200) && codes.contains { $0 >= 500 }
            )
            // Only task GETs: the list is never struck by this fault.
            #expect(try await api.raw(.GET, "/v1/tasks").status == 200)
            runs.append(codes)
            await api.stop()
        }
        #expect(runs[0] == runs[1])
    }

    @Test func rateLimitsGiveRetryAfterInSecondsAndAsAnHTTPDate() async throws {
        let api = try await Self.start { $0.faults.rateLimited = 1 }
        var forms: Set<String> = []
        for _ in 0..<20 {
            let answer = try await api.raw(.GET, "/v1/tasks")
            #expect(answer.status == 429)
            let value = try #require(answer.headers["retry-after"])
            forms.insert(Int(value) != nil ? "seconds" : (HTTPDate.parse(value) != nil ? "date" : value))
        }
        #expect(forms == ["seconds", "date"])
        await api.stop()
    }

    // MARK: Statuses outside the contract, tasks that never end

    @Test func canceledQueuedAndNeverEndingTasksAreReportedAndNeverCharged() async throws {
        let api = try await Self.start { configuration in
            configuration.faults.canceled = 0.3
            configuration.faults.neverFinish = 0.3
            configuration.faults.queuedFirst = 0.5
            configuration.latency = .milliseconds(400)
        }
        var first: [String: String] = [:]
        for i in 0..<20 {
            let task = try await api.post(prompt: "Fate \(i)")
            first[task["id"] as! String] = task["status"] as? String
        }
        let drawn = await api.simulator.stats().faults
        #expect(first.values.filter { $0 == "queued" }.count == drawn["queued-first"])
        #expect(Set(first.values) == ["queued", "pending"])
        let never = try #require(drawn["never-finish"])
        let canceled = try #require(drawn["canceled"])
        #expect(never > 0 && canceled > 0)

        // Jitter is off: once the others ended, the never-ending tasks are past their end too.
        try await api.waitUntil {
            $0.tasks.filter { ["completed", "failed", "canceled"].contains($0.status) }.count == 20 - never
        }
        let rows = await api.simulator.stats().tasks
        #expect(rows.filter { $0.status == "canceled" }.count == canceled)
        for row in rows where row.status != "completed" {
            #expect(row.chargeMicros == 0)
            let task = try await api.raw(.GET, "/v1/tasks/\(row.id)").object
            #expect(task["status"] as? String == row.status && task["output"] is NSNull)
        }
        let summary = try await api.raw(.GET, "/v1/usage/summary").json["data"] as! [[String: Any]]
        #expect(
            summary.first?["total_units"] as? Int == 20 - never - canceled
                && summary.first?["request_count"] as? Int == 20
        )
        await api.stop()
    }

    // MARK: Truncated, then whole

    @Test func anOutputIsTruncatedForOneToThreeFetchesThenWhole() async throws {
        let api = try await Self.start { $0.faults.truncatedThenWhole = 1 }
        var ids: [String] = []
        for i in 0..<4 { ids.append(try await api.post(prompt: "Truncated \(i)", outputs: 2)["id"] as! String) }
        try await api.waitForEveryTaskToEnd()
        var counts: [Int] = []
        for id in ids {
            for url in (try await api.raw(.GET, "/v1/tasks/\(id)").object["output"] as! [String: Any])["urls"]
                as! [String]
            {
                var truncated = 0
                while (try? PNGReader().facts(
                    of: try await api.raw(.GET, url, authorized: false).body,
                    verifyingPixels: true
                )) == nil {
                    truncated += 1
                    if truncated > 5 { break }
                }
                counts.append(truncated)
                // Whole from then on.
                _ = try PNGReader().facts(
                    of: try await api.raw(.GET, url, authorized: false).body,
                    verifyingPixels: true
                )
            }
        }
        #expect(counts.allSatisfy { (1...3).contains($0) } && Set(counts).count > 1, "\(counts)")
        #expect(await api.simulator.stats().faults["truncated-then-whole"] == 8)
        await api.stop()
    }

    // MARK: Another client of the same account

    @Test func foreignTasksAreListedChargedAndReportedApart() async throws {
        let api = try await Self.start { $0.faults.foreignTask = 1 }
        var ours: [[String: Any]] = []
        for (i, model) in ["nanobanana", "nanobanana-pro", "nanobanana"].enumerated() {
            ours.append(try await api.post(model: model, prompt: "Ours \(i)", outputs: i + 1))
        }
        try await api.waitForEveryTaskToEnd()
        let stats = await api.simulator.stats()
        #expect(stats.tasksCreated == 3 && stats.foreignTaskIDs.count == 3 && stats.duplicatedBodies == 0)

        let listed = try await api.raw(.GET, "/v1/tasks?per_page=100").object["items"] as! [[String: Any]]
        #expect(Set(listed.map { $0["id"] as! String }) == Set(stats.tasks.map(\.id)) && listed.count == 6)
        let ourIDs = ours.map { $0["id"] as! String }
        for (mine, foreignID) in zip(ourIDs, stats.foreignTaskIDs) {
            let mineRow = stats.tasks.first { $0.id == mine }!
            let foreign = stats.tasks.first { $0.id == foreignID }!
            #expect(foreign.foreign && foreign.bodyDigest == nil && !ourIDs.contains(foreignID))
            #expect(
                foreign.model == mineRow.model && foreign.numOutputs == mineRow.numOutputs && foreign.chargeMicros > 0
            )
            // Created at the same instant: the same timestamp.
            let times = listed.filter { [mine, foreignID].contains($0["id"] as! String) }.map {
                $0["created_at"] as! String
            }
            #expect(times.count == 2 && times[0] == times[1])
        }

        #expect(stats.foreignSpendMicros == ["nanobanana": 40_000, "nanobanana-pro": 32_000])
        let ledger = Dictionary(uniqueKeysWithValues: stats.ledger.map { ($0.model, $0.costMicros) })
        #expect(ledger == ["nanobanana": 80_000, "nanobanana-pro": 64_000])
        #expect(stats.ownSpendMicros == ledger.merging(stats.foreignSpendMicros) { $0 - $1 })
        let summary = try await api.withClient(clock: ContinuousClock()) { try await $0.usageSummary() }
        #expect(Dictionary(uniqueKeysWithValues: summary.map { ($0.model, $0.cost.micros) }) == ledger)
        await api.stop()
    }

    // MARK: The profile, determinism, stats

    @Test func theWorstProfileRepeatsWithTheSeedAndDefaultsStayAsTheyWere() async throws {
        func signatures(_ configure: (inout SimulatorConfiguration) -> Void) async throws -> [String] {
            let api = try await Self.start(configure)
            var ids: [String] = []
            for i in 0..<12 { ids.append(try await api.post(prompt: "Same \(i)", outputs: 1 + i % 2)["id"] as! String) }
            try await api.waitForEveryTaskToEnd()
            var result: [String] = []
            for id in ids {
                let task = try await api.raw(.GET, "/v1/tasks/\(id)").object
                let keys = task.keys.sorted().map { task[$0] is NSNull ? "\($0)=null" : $0 }
                let output = task["output"] as? [String: Any]
                result.append(
                    "\(keys) \(Self.pattern(task["created_at"] as! String)) \(task["cost"] ?? "-") \(output?.keys.sorted() ?? [])"
                )
            }
            await api.stop()
            return result
        }
        let worst = try await signatures { $0.shapes = .worst }
        #expect(try await signatures { $0.shapes = .worst } == worst)
        #expect(Set(worst).count > 6)

        let standard = try await signatures { _ in }
        #expect(Set(standard).count == 2)
        #expect(
            standard[0]
                == #"["completed_at", "cost", "created_at", "error=null", "id", "model", "output", "started_at", "status", "type"] 9999-99-99T99:99:99.999Z $0.0100 ["url", "urls"]"#
        )
    }

    @Test func statsServeEveryInvariantUnderStableKeys() async throws {
        let api = try await Self.start { $0.shapes = .worst }
        _ = try await api.post(prompt: "Stats")
        try await api.waitForEveryTaskToEnd()
        let json = try await api.raw(.GET, "/_sim/stats", authorized: false).json
        #expect(
            Set(json.keys) == [
                "tasks_created", "distinct_bodies", "duplicated_bodies", "bodies", "faults", "requests", "ledger",
                "foreign_task_ids", "foreign_spend_micros", "output_origin", "tasks",
            ]
        )
        let task = try #require((json["tasks"] as? [[String: Any]])?.first)
        #expect(
            Set(task.keys) == [
                "id", "body_digest", "model", "num_outputs", "status", "charge_micros", "foreign", "png_variant",
            ]
        )
        #expect(task["charge_micros"] as? Int == 10_000 && task["status"] as? String == "completed")
        let ledger = try #require((json["ledger"] as? [[String: Any]])?.first)
        #expect(ledger["model"] as? String == "nanobanana" && ledger["cost_micros"] as? Int == 10_000)
        await api.stop()
    }
}
