import MetaReportCLI

MetaReport.runAndExit()
