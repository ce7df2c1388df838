import Foundation
import Testing

/// `metareport figure` on the reference datasets: options a figure cannot honour are usage errors
/// (exit 2) that say why, never silently ignored.
@Suite struct FigureCLITests {
    static let data = CLI.reference.appendingPathComponent("data")

    func figure(_ arguments: [String]) throws -> (run: CLI.Run, output: URL) {
        let folder = try CLI.temporaryFolder()
        let output = folder.appendingPathComponent("figure.svg")
        let run = try CLI.run(["figure"] + arguments + ["-o", output.path])
        return (run, output)
    }

    @Test func ratioAxisLimitsMustBePositive() throws {
        let (run, output) = try figure(["forest", Self.data.appendingPathComponent("bcg.csv").path, "--measure", "RR", "--method", "DL",
                                        "--xlim", "0,10"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: xlim 0,10: a ratio is drawn on a logarithmic axis, so both limits must be greater than 0"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        let fine = try figure(["forest", Self.data.appendingPathComponent("bcg.csv").path, "--measure", "RR", "--method", "DL",
                               "--xlim", "0.05,20"])
        #expect(fine.run.status == 0)
    }

    @Test func sortingByAYearThatIsNotThereIsAnError() throws {
        let (run, _) = try figure(["forest", Self.data.appendingPathComponent("asthma.csv").path, "--measure", "MD", "--method", "DL",
                                   "--sort", "year"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: sort year needs the studies' years, but the data has no 'year' column "
                                    + "(its columns: study, exp_mean, exp_sd, exp_total, ctrl_mean, ctrl_sd, ctrl_total)"))
    }

    @Test(arguments: ["asthma", "stroke"])
    func cumulativeWithoutAnOrderAddsStudiesInTheOrderGiven(dataset: String) throws {
        // Neither dataset has a year column; metafor's cumul() without order keeps the rows' order.
        let (run, output) = try figure(["cumulative", Self.data.appendingPathComponent("\(dataset).csv").path, "--measure", "MD", "--method", "DL"])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: output, encoding: .utf8)
        #expect(svg.contains("pooled as studies are added in the order given"))
        #expect(svg.contains(">Cumulative, in the order given</text>"))
    }

    @Test func aWidthTheColumnsCannotFitIsAWarningNotASilentChange() throws {
        let magnesium = Self.data.appendingPathComponent("magnesium.csv").path
        let (run, output) = try figure(["forest", magnesium, "--measure", "OR", "--method", "DL", "--width", "single"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: the forest plot is 153 mm wide, wider than the 84 mm asked for"))
        #expect(FileManager.default.fileExists(atPath: output.path))
        // Double width fits: exactly 174 mm, nothing to say.
        let double = try figure(["forest", magnesium, "--measure", "OR", "--method", "DL", "--width", "double"])
        #expect(double.run.stderr.isEmpty)
        let svg = try String(contentsOf: double.output, encoding: .utf8)
        #expect(svg.contains("width=\"493.23pt\""))
    }
}
