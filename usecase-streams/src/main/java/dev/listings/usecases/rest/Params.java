package dev.listings.usecases.rest;

import jakarta.ws.rs.BadRequestException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/** Parsing of request parameters; a bad one is a 400 naming the parameter. */
final class Params {
  static final int MAX_TOP = 1000;

  private Params() {}

  static YearMonth month(String value) {
    try {
      return YearMonth.parse(required("month", value));
    } catch (DateTimeException e) {
      throw new BadRequestException("month must be YYYY-MM, got '" + value + "'");
    }
  }

  static LocalDate date(String value) {
    try {
      return LocalDate.parse(required("date", value));
    } catch (DateTimeException e) {
      throw new BadRequestException("date must be YYYY-MM-DD, got '" + value + "'");
    }
  }

  static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new BadRequestException(name + " is required");
    }
    return value;
  }

  static int top(int n) {
    if (n < 1 || n > MAX_TOP) {
      throw new BadRequestException("n must be between 1 and " + MAX_TOP + ", got " + n);
    }
    return n;
  }
}
