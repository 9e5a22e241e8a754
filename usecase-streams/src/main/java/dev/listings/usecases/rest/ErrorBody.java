package dev.listings.usecases.rest;

/** Body of every error answer of the query API. */
public record ErrorBody(String error, String message) {}
