import Foundation

extension BuildPipeline where C == ContinuousClock {
    /// A build whose providers come from `environment` (EggAPI's key, base URL and timeout),
    /// and whose local provider charges by the same `prices` the build plans and budgets with.
    /// With no environment (tests, offline use) an EggAPI catalog fails for want of a key.
    public init(
        options: BuildOptions,
        prices: PriceTable = .eggAPI,
        environment: HatcheryEnvironment = HatcheryEnvironment(),
        observer: any BuildObserver = SilentBuildObserver()
    ) {
        self.init(
            options: options,
            prices: prices,
            makeProvider: ProviderFactories.standard(environment, prices: prices),
            clock: ContinuousClock(),
            observer: observer
        )
    }
}
