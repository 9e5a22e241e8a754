package dev.listings.usecases.query;

/** New listings of one municipality on one day, as the query API returns them. */
public record MarketActivityView(String municipality, String date, long newListings) {}
