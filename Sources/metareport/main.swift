import MetaReportCLI

MetaReport.main()
