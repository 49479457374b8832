/// A calendar date in the proleptic Gregorian calendar.
public struct CalendarDate: Equatable, Hashable, Sendable {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True when month and day exist in that year.
    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.days(inMonth: month, year: year)
    }

    /// A uniformly random day in `years` (each year weighted by its length).
    public static func random(in years: ClosedRange<Int>, rng: inout SeededRandom) -> CalendarDate {
        while true {
            let candidate = CalendarDate(year: years.lowerBound + rng.int(years.count),
                                         month: 1 + rng.int(12), day: 1 + rng.int(31))
            if candidate.isValid { return candidate }
        }
    }
}

/// The human ways of writing a date that `DateTranslation` reads, all in ASCII.
///
/// Numeric day-first formats are read as day/month (British usage), and the two-digit year is
/// the one year of the task's range that ends in those digits.
public enum DateFormat: String, CaseIterable, Sendable {
    case dayMonthYear           // 3 March 2021
    case dayShortMonthYear      // 3 Mar 2021
    case monthDayYear           // March 3, 2021
    case shortMonthDayYear      // Mar 3, 2021
    case ordinalMonthDayYear    // March 3rd, 2021
    case slashedShortYear       // 03/03/21
    case dotted                 // 3.3.2021
    case dashedShortMonth       // 03-Mar-2021
    case slashedYearFirst       // 2021/03/03

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// Writes `date` one ASCII byte at a time, so a batch can be filled without building
    /// strings.
    public func render(_ date: CalendarDate, _ emit: (UInt8) -> Void) {
        let y = date.year, m = date.month, d = date.day
        let month = Self.monthNames[(m - 1 + 12) % 12]
        func text(_ s: String) { for c in s.utf8 { emit(c) } }
        func short() { var n = 0; for c in month.utf8 where n < 3 { emit(c); n += 1 } }
        func number(_ v: Int, width: Int) {
            var digits = 1, p = 10
            while v >= p { digits += 1; p *= 10 }
            for _ in digits..<max(width, digits) { emit(48) }
            p /= 10
            while p > 0 { emit(UInt8(48 + (v / p) % 10)); p /= 10 }
        }
        func ordinal(_ v: Int) {
            number(v, width: 1)
            if (11...13).contains(v % 100) { text("th"); return }
            switch v % 10 {
            case 1: text("st")
            case 2: text("nd")
            case 3: text("rd")
            default: text("th")
            }
        }
        switch self {
        case .dayMonthYear: number(d, width: 1); emit(32); text(month); emit(32); number(y, width: 4)
        case .dayShortMonthYear: number(d, width: 1); emit(32); short(); emit(32); number(y, width: 4)
        case .monthDayYear: text(month); emit(32); number(d, width: 1); text(", "); number(y, width: 4)
        case .shortMonthDayYear: short(); emit(32); number(d, width: 1); text(", "); number(y, width: 4)
        case .ordinalMonthDayYear: text(month); emit(32); ordinal(d); text(", "); number(y, width: 4)
        case .slashedShortYear:
            number(d, width: 2); emit(47); number(m, width: 2); emit(47); number(y % 100, width: 2)
        case .dotted: number(d, width: 1); emit(46); number(m, width: 1); emit(46); number(y, width: 4)
        case .dashedShortMonth: number(d, width: 2); emit(45); short(); emit(45); number(y, width: 4)
        case .slashedYearFirst:
            number(y, width: 4); emit(47); number(m, width: 2); emit(47); number(d, width: 2)
        }
    }

    /// The rendering as a String (for display and tests).
    public func string(_ date: CalendarDate) -> String {
        var bytes: [UInt8] = []
        render(date) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ISO 8601, "2021-03-03": the translation target.
    public static func iso(_ date: CalendarDate, _ emit: (UInt8) -> Void) {
        DateFormat.slashedYearFirst.render(date) { emit($0 == 47 ? 45 : $0) }
    }
}
