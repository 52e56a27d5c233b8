package io.ticketbridge; public class TicketBridge { public static void main(String[] a){} }
