import ArgumentParser
import Foundation
import ReviewKit

/// The quick path of review-wide figures: the file format each one can be drawn from directly,
/// read by ReviewKit into a review that holds just that data.
enum QuickInputs {
    static func review(for figure: String, file: String, tool: String?) throws -> Review {
        switch figure {
        case "prisma-flow":
            return try prisma(file: file)
        case "rob-traffic-light", "rob-summary":
            return try riskOfBias(file: file, tool: tool)
        default:
            throw ValidationError("'\(figure)' is drawn from a review file: metareport figure \(figure) review.yaml -o OUT")
        }
    }

    /// A robvis-layout (or named-column) CSV of judgements, read for `--tool`.
    private static func riskOfBias(file: String, tool name: String?) throws -> Review {
        guard let name else {
            throw ValidationError("a risk-of-bias CSV needs --tool: \(RiskOfBiasTool.ids.joined(separator: ", ")).")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            Console.report([.error(SourceLocation(file: file), "cannot read the file", hint: "Check the path.")])
            throw ExitStatus.invalidInput
        }
        let read: Result<RiskOfBiasAssessment, InputError>
        if name.lowercased() == "generic" {
            read = RiskOfBiasTable.readGeneric(csv: data, file: file)
        } else if let tool = RiskOfBiasTool.named(name) {
            read = RiskOfBiasTable.read(csv: data, file: file, tool: tool)
                .map { RiskOfBiasAssessment(tool: tool, studies: $0, location: SourceLocation(file: file)) }
        } else {
            let hint = Suggestion.nearest(to: name, among: RiskOfBiasTool.ids).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown risk-of-bias tool '\(name)'.\(hint) Tools: \(RiskOfBiasTool.ids.joined(separator: ", ")).")
        }
        switch read {
        case .success(let assessment):
            let title = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
            return Review(title: title, riskOfBias: assessment)
        case .failure(let error):
            Console.report(error.diagnostics)
            throw ExitStatus.invalidInput
        }
    }

    /// A `box,count` CSV of PRISMA counts (ReviewKit's `PrismaFile`). Problems are printed with
    /// their row and column; counts that do not add up are warnings (notes when acknowledged).
    private static func prisma(file: String) throws -> Review {
        let result = PrismaFile.review(URL(fileURLWithPath: file), shownAs: file)
        Console.report(result.diagnostics)
        guard let review = result.review else { throw ExitStatus.invalidInput }
        return review
    }
}
