"""Shared parts of the load benchmarks: throwaway servers, an HTTP client, bursts."""
