// ReviewKit
