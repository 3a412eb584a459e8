# Multi-stage build of the API with the front end bundled into its static files.
FROM node:20-bookworm-slim AS web
WORKDIR /repo
COPY web/ web/
# The build writes the page and the npm libraries into the API's (git-ignored) wwwroot.
RUN cd web && npm ci --no-audit --no-fund && npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /repo
COPY . .
RUN rm -rf src/SceneMonitor.Api/wwwroot
COPY --from=web /repo/src/SceneMonitor.Api/wwwroot/ src/SceneMonitor.Api/wwwroot/
RUN dotnet publish src/SceneMonitor.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
ENTRYPOINT ["dotnet", "SceneMonitor.Api.dll"]
