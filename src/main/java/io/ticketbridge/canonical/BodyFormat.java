package io.ticketbridge.canonical;

public enum BodyFormat { HTML, TEXT }
