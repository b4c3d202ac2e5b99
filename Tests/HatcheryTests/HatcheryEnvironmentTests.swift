import Foundation
import Testing

@testable import Hatchery

/// The one reader of Hatchery's environment variables, and the providers made from it.
@Suite struct HatcheryEnvironmentTests {
    static let key = "egg_sk_secret_value_42"

    @Test func theKeyAndTheSecretAreNeverShown() {
        let environment = HatcheryEnvironment([
            "EGGAPI_API_KEY": Self.key, "EGGAPI_WEBHOOK_SECRET": "whsec_hidden", "HOME": "/root",
        ])
        var dumped = ""
        dump(environment, to: &dumped)
        for text in [
            environment.description, environment.debugDescription, "\(environment)", String(reflecting: environment),
            dumped,
        ] {
            #expect(!text.contains(Self.key) && !text.contains("whsec_hidden") && !text.contains("/root"), "\(text)")
        }
        #expect(
            environment.description.contains("EGGAPI_API_KEY")
                && environment.description.contains("EGGAPI_WEBHOOK_SECRET")
        )
    }

    @Test func anEggAPIVariableThatDoesNotParseFailsOnlyWhatNeedsIt() throws {
        let environment = HatcheryEnvironment(["EGGAPI_API_KEY": Self.key, "EGGAPI_TIMEOUT": "soon"])
        let make = ProviderFactories.standard(environment)
        #expect(try make(.local).kind == .local)
        #expect(throws: ProviderError.self) { try make(.eggapi) }
        #expect(throws: ProviderError.self) { try environment.eggAPIConfiguration() }
    }

    @Test func theWebhookSecretIsRequiredOnlyAfterTheAddressIsRead() throws {
        #expect(throws: WebhookError.self) { try HatcheryEnvironment().webhookSecret() }
        #expect(throws: WebhookError.self) { try HatcheryEnvironment(["EGGAPI_WEBHOOK_SECRET": ""]).webhookSecret() }
        let address = #expect(throws: WebhookError.self) {
            try WebhookOptions.parse(
                listen: "nowhere",
                url: "https://example.com/hooks",
                environment: HatcheryEnvironment()
            )
        }
        #expect(address?.errorDescription?.contains("--webhook-listen takes HOST:PORT") == true)
        let options = try WebhookOptions.parse(
            listen: "127.0.0.1:8787",
            url: "https://example.com/hooks",
            environment: HatcheryEnvironment(["EGGAPI_WEBHOOK_SECRET": "whsec_x"])
        )
        #expect(options.secret == "whsec_x" && options.port == 8787 && options.host == "127.0.0.1")
    }

    @Test func theLocalProviderChargesByTheBuildsPriceTable() async throws {
        // Twice EggAPI's price: without the table reaching the local provider, the plan
        // estimates $0.0200 and the provider records $0.0100.
        let prices = PriceTable(entries: [
            .init(
                model: "nanobanana",
                perImage: Money(micros: 20_000),
                since: "2025-12-01",
                source: "a test's own table"
            )
        ])
        let site = try TemporaryDirectory()
        defer { site.cleanup() }
        _ = try site.write(Fixtures.catalog(["id: fox\nprompt: A red fox in fresh snow"]), to: "catalog.yaml")
        let report = try await BuildPipeline(
            options: BuildOptions(siteDirectory: site.url),
            prices: prices,
            environment: HatcheryEnvironment()
        ).run()
        #expect(report.completed == 1)
        #expect(report.plan.estimatedCost == Money(micros: 20_000))
        #expect(report.cost == Money(micros: 20_000))
        let store = try Store(siteDirectory: site.url)
        #expect(try await store.tasks().map(\.costMicros) == [20_000])
    }
}
