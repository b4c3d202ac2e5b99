import Foundation
import Hatchery

/// The lines `hatchery build` prints on stdout when it is done.
struct BuildSummary {
    var report: BuildReport
    var elapsed: Duration

    var text: String {
        let plan = report.plan
        let seconds = elapsed.seconds
        if let stamp = report.unchangedSince {
            return """
                Built \(report.output.path) in \(String(format: "%.2f", seconds)) s
                  nothing changed since the last complete build (catalog, templates, store and \(stamp.files) site files checked)
                  prompts: \(stamp.prompts), images: \(stamp.images); tasks: 0 submitted; pages and files: 0 written
                """
        }
        var lines = [
            "Built \(report.output.path) in \(String(format: "%.2f", seconds)) s",
            "  prompts: \(plan.items.count - plan.count(.removed)) (new \(plan.count(.new)), changed \(plan.count(.changed)), unchanged \(plan.count(.unchanged)), restored \(plan.count(.restorable)), removed \(plan.count(.removed)))",
            "  tasks: \(report.submitted) submitted, \(report.resumed) resumed, \(report.completed) completed, \(report.failed) failed; \(report.images) images",
            "  cost this build: \(report.cost.formatted)\(plan.provider.costsAreEstimates ? " (local estimate, nothing was charged)" : "")"
                + (report.possiblyCharged > .zero
                    ? "; possibly charged: \(report.possiblyCharged.formatted) more for \(report.unknown) unknown outcome(s)"
                    : ""),
            "  web images: made for \(report.derivation.made) originals, \(report.derivation.reused) reused, \(report.derivation.removed) old files deleted\(report.derivation.failures.isEmpty ? "" : "; \(report.derivation.failures.count) could not be converted and show as PNG")",
            "  pages and files: \(report.render.filesWritten) written, \(report.render.filesUnchanged) unchanged, \(report.render.filesRemoved) removed",
        ]
        if let budget = report.budget {
            let possibly =
                budget.possiblyCharged > .zero ? " (and \(budget.possiblyCharged.formatted) possibly charged)" : ""
            lines.append("  budget: \(budget.spent.formatted) spent of \(budget.cap.formatted) allowed\(possibly)")
            if !budget.skipped.isEmpty {
                lines.append(
                    "  over budget, not submitted: \(budget.skipped.count) prompts (\(budget.skipped.prefix(8).joined(separator: ", "))\(budget.skipped.count > 8 ? ", …" : "")); they would cost \(budget.skippedCost.formatted)"
                )
            }
        }
        if let webhooks = report.webhooks {
            lines.append(
                "  webhooks: \(webhooks.accepted) used, \(webhooks.duplicates) duplicates ignored, \(webhooks.rejected) refused"
            )
        }
        if report.unknown > 0 {
            lines.append(
                "  unknown outcomes: \(report.unknown) the provider's task list could not settle; see `hatchery status`"
            )
        }
        if report.outputsPending > 0 {
            lines.append(
                "  paid, outputs not stored yet: \(report.outputsPending); the next build fetches them again without paying"
            )
        }
        if report.interrupted > 0 {
            lines.append("  still running at the provider: \(report.interrupted); the next build resumes them")
        }
        if let reason = report.stoppedBecause {
            lines.append("  submitting stopped: \(reason)")
            lines.append("  not submitted: \(report.skipped) prompts; build again once this is fixed")
        }
        let heldBack = plan.items.filter { $0.action == .failed }.map(\.promptID)
        if !heldBack.isEmpty {
            lines.append(
                "  not sent again (their last failure would repeat): \(heldBack.count) prompts (\(heldBack.prefix(8).joined(separator: ", "))\(heldBack.count > 8 ? ", …" : "")); `hatchery plan` says why, --retry-failed sends them"
            )
        }
        for failure in report.failures.prefix(10) {
            lines.append("  failed: \(failure.prompt): \(failure.reason)")
        }
        for open in report.unfinished.prefix(10) {
            lines.append("  not finished: \(open.prompt): \(open.reason)")
        }
        return lines.joined(separator: "\n")
    }
}
