import ADRCore
