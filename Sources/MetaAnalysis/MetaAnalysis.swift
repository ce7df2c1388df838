// MetaAnalysis
